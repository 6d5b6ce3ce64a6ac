/**
 * A plain canonical printer of the AST: two-space indentation, one item per line, no comments (docs are not
 * printed). Parsing the output gives back an equal tree (modulo spans, tokens and docs); the formatter builds on it.
 */
import type * as A from './ast.js';

/** Prints a whole file. */
export function printFile(file: A.File): string {
  const out: string[] = [];
  if (file.package) out.push(`${attrs(file.package.attributes, '')}package ${packageName(file.package.name)};`);
  for (const item of file.items) out.push(topItem(item, ''));
  return out.join('\n\n') + '\n';
}

function topItem(item: A.TopLevelItem, ind: string): string {
  switch (item.kind) {
    case 'Interface':
      return `${attrs(item.attributes, ind)}${ind}interface ${id(item.name)} ${interfaceBody(item.items, ind)}`;
    case 'World':
      return `${attrs(item.attributes, ind)}${ind}world ${id(item.name)} ${block(item.items.map((i) => worldItem(i, ind + '  ')), ind)}`;
    case 'TopLevelUse':
      return `${attrs(item.attributes, ind)}${ind}use ${usePath(item.path)}${item.as ? ` as ${id(item.as)}` : ''};`;
    case 'NestedPackage': {
      const body = item.items.map((i) => topItem(i, ind + '  '));
      return `${attrs(item.attributes, ind)}${ind}package ${packageName(item.name)} ${block(body, ind)}`;
    }
  }
}

function block(lines: readonly string[], ind: string): string {
  return lines.length === 0 ? '{}' : `{\n${lines.join('\n')}\n${ind}}`;
}

function interfaceBody(items: readonly A.InterfaceItem[], ind: string): string {
  return block(
    items.map((i) => interfaceItem(i, ind + '  ')),
    ind,
  );
}

function interfaceItem(item: A.InterfaceItem, ind: string): string {
  if (item.kind === 'FuncItem') return `${attrs(item.attributes, ind)}${ind}${id(item.name)}: ${funcType(item.func)};`;
  if (item.kind === 'Use') return useItem(item, ind);
  return typeDef(item, ind);
}

function worldItem(item: A.WorldItem, ind: string): string {
  switch (item.kind) {
    case 'Import':
    case 'Export':
      return `${attrs(item.attributes, ind)}${ind}${item.kind === 'Import' ? 'import' : 'export'} ${externItem(item.item, ind)}`;
    case 'Include': {
      const w = item.with.length === 0 ? ';' : ` with { ${item.with.map((n) => `${id(n.name)} as ${id(n.as)}`).join(', ')} }`;
      return `${attrs(item.attributes, ind)}${ind}include ${usePath(item.path)}${w}`;
    }
    case 'Use':
      return useItem(item, ind);
    default:
      return typeDef(item, ind);
  }
}

function externItem(item: A.ExternItem, ind: string): string {
  switch (item.kind) {
    case 'ExternPath':
      return `${usePath(item.path)};`;
    case 'ExternFunc':
      return `${id(item.name)}: ${funcType(item.func)};`;
    case 'ExternInterface':
      return `${id(item.name)}: interface ${interfaceBody(item.items, ind)}`;
    case 'ExternImplements':
      return `${id(item.label)}: ${usePath(item.path)};`;
  }
}

function useItem(item: A.Use, ind: string): string {
  const names = item.names.map((n) => (n.as ? `${id(n.name)} as ${id(n.as)}` : id(n.name))).join(', ');
  return `${attrs(item.attributes, ind)}${ind}use ${usePath(item.path)}.{${names}};`;
}

function typeDef(item: A.TypeDef, ind: string): string {
  const head = `${attrs(item.attributes, ind)}${ind}`;
  const inner = ind + '  ';
  switch (item.kind) {
    case 'TypeAlias':
      return `${head}type ${id(item.name)} = ${typeExpr(item.type)};`;
    case 'Record':
      return `${head}record ${id(item.name)} ${block(item.fields.map((f) => `${inner}${id(f.name)}: ${typeExpr(f.type)},`), ind)}`;
    case 'Flags':
      return `${head}flags ${id(item.name)} ${block(item.flags.map((f) => `${inner}${id(f.name)},`), ind)}`;
    case 'Variant': {
      const cases = item.cases.map((c) => `${inner}${id(c.name)}${c.type ? `(${typeExpr(c.type)})` : ''},`);
      return `${head}variant ${id(item.name)} ${block(cases, ind)}`;
    }
    case 'Enum':
      return `${head}enum ${id(item.name)} ${block(item.cases.map((c) => `${inner}${id(c.name)},`), ind)}`;
    case 'Resource': {
      if (item.members === undefined) return `${head}resource ${id(item.name)};`;
      return `${head}resource ${id(item.name)} ${block(item.members.map((m) => member(m, inner)), ind)}`;
    }
  }
}

function member(m: A.ResourceMember, ind: string): string {
  const head = `${attrs(m.attributes, ind)}${ind}`;
  if (m.kind === 'Constructor') {
    return `${head}constructor(${params(m.params)})${m.result ? ` -> ${typeExpr(m.result)}` : ''};`;
  }
  return `${head}${id(m.name)}: ${m.static ? 'static ' : ''}${funcType(m.func)};`;
}

function funcType(f: A.FuncType): string {
  return `${f.async ? 'async ' : ''}func(${params(f.params)})${f.result ? ` -> ${typeExpr(f.result)}` : ''}`;
}

function params(ps: readonly A.Param[]): string {
  return ps.map((p) => `${id(p.name)}: ${typeExpr(p.type)}`).join(', ');
}

/** Prints a type expression. */
export function typeExpr(t: A.TypeExpr): string {
  switch (t.kind) {
    case 'Primitive':
      return t.name;
    case 'Named':
      return id(t.name);
    case 'List':
      return `list<${typeExpr(t.element)}${t.length ? `, ${t.length.value}` : ''}>`;
    case 'Option':
      return `option<${typeExpr(t.inner)}>`;
    case 'Result':
      if (!t.ok && !t.err) return 'result';
      if (!t.err) return `result<${typeExpr(t.ok!)}>`;
      return `result<${t.ok ? typeExpr(t.ok) : '_'}, ${typeExpr(t.err)}>`;
    case 'Tuple':
      return `tuple<${t.types.map(typeExpr).join(', ')}>`;
    case 'Map':
      return `map<${typeExpr(t.key)}, ${typeExpr(t.value)}>`;
    case 'Future':
    case 'Stream': {
      const kw = t.kind === 'Future' ? 'future' : 'stream';
      return t.payload ? `${kw}<${typeExpr(t.payload)}>` : kw;
    }
    case 'Handle':
      return `${t.handle}<${id(t.resource)}>`;
  }
}

function attrs(list: readonly A.Attribute[], ind: string): string {
  return list.map((a) => `${ind}${attribute(a)}\n`).join('');
}

function attribute(a: A.Attribute): string {
  switch (a.kind) {
    case 'Since':
      return `@since(version = ${a.version.text})`;
    case 'Deprecated':
      return `@deprecated(version = ${a.version.text})`;
    case 'Unstable':
      return `@unstable(feature = ${id(a.feature)})`;
    case 'ExternalId':
      return `@external-id(${stringLiteral(a.value)})`;
  }
}

function packageName(p: A.PackageName): string {
  return `${id(p.namespace)}:${id(p.name)}${p.version ? `@${p.version.text}` : ''}`;
}

function usePath(p: A.UsePath): string {
  if (p.kind === 'LocalPath') return id(p.name);
  return `${id(p.namespace)}:${id(p.package)}/${id(p.name)}${p.version ? `@${p.version.text}` : ''}`;
}

function id(i: A.Id): string {
  return i.escaped ? `%${i.name}` : i.name;
}

/** A WIT string literal for `s` (quotes, backslashes and control characters escaped). */
export function stringLiteral(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c === 10) out += '\\n';
    else if (c === 9) out += '\\t';
    else if (c === 13) out += '\\r';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || forbidden.test(ch)) out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}

/** Code points wit-parser rejects anywhere in a file: they must be written as escapes. */
const forbidden = /^[\u0149\u0673\u0f77\u0f79\u17a3\u17a4\u17b4\u17b5\u202a-\u202e\u2066-\u2069]$/;
