// PLACEHOLDER CLI entry; replaced by the real command set.
console.log('witc');
