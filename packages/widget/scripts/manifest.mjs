// Builds `custom-elements.json` (Custom Elements Manifest schema 1.0.0) from the class JSDoc of
// `src/payment-form/payment-form.ts`: its @summary/@slot/@event/@csspart/@cssproperty/@cssstate
// tags, `static properties` (attributes, types) and the documented fields and methods. Our own
// small reader instead of @custom-elements-manifest/analyzer (no new dependency); the Node test
// `test/ssr-import.node.test.mjs` fails when the committed file is out of date.
// Usage: `node scripts/manifest.mjs` (writes the file) or import `buildManifest()`.
import { readFileSync, writeFileSync } from 'node:fs';

const SOURCE = new URL('../src/payment-form/payment-form.ts', import.meta.url);
// The manifest names the built modules, the files a consumer's tools can open.
const MODULE = 'dist/payment-form/payment-form.js';
const DEFINE_MODULE = 'dist/define.js';

/** Text of a JSDoc block without the leading ` * `. */
function docText(block) {
  return block
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/** `@tag name - description` entries (continuation lines indented). */
function tags(doc, tag) {
  const found = [];
  const pattern = new RegExp(`^@${tag} (\\S+) - ([\\s\\S]*?)(?=\\n@|\\n\\n|(?![\\s\\S]))`, 'gm');
  for (const match of doc.matchAll(pattern)) {
    found.push({ name: match[1], description: match[2].replace(/\s+/g, ' ').trim() });
  }
  return found;
}

function typeOf(options, declared) {
  if (/type: Boolean/.test(options)) return 'boolean';
  if (/type: Number/.test(options)) return 'number';
  return declared ?? 'string';
}

/** The manifest object. */
export function buildManifest() {
  const source = readFileSync(SOURCE, 'utf8');
  const classDoc = docText(
    /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export class QentaPaymentForm/
      .exec(source)[0]
      .replace(/\s*export class QentaPaymentForm$/, ''),
  );
  const description = classDoc.split('\n\n')[0].replace(/\s+/g, ' ');
  const summary = /@summary (.*)/.exec(classDoc)?.[1] ?? '';
  const propertiesBlock = /static override properties = \{([\s\S]*?)\n {2}\};/.exec(source)[1];
  const attributes = [];
  const members = [];
  for (const [, name, options] of propertiesBlock.matchAll(/^\s+(\w+): \{([^}]*)\},?$/gm)) {
    if (/state: true/.test(options)) continue;
    // Properties are `declare`d with their TSDoc; the constructor assigns the defaults.
    const field = new RegExp(`/\\*\\* ([^*]*?) \\*/\\n\\s+declare ${name}: ([^;]+);`).exec(source);
    const initial = new RegExp(`\\n\\s+this\\.${name} = ([^;]+);`).exec(source)?.[1];
    const type = typeOf(options, field?.[2]);
    const fieldDescription = field?.[1].replace(/\s+/g, ' ') ?? '';
    const member = { kind: 'field', name, type: { text: type }, description: fieldDescription };
    if (initial) member.default = initial.replace(/_/g, '');
    const attribute = /attribute: false/.test(options)
      ? undefined
      : (/attribute: '([^']+)'/.exec(options)?.[1] ?? name);
    if (attribute) {
      member.attribute = attribute;
      if (/reflect: true/.test(options)) member.reflects = true;
      attributes.push({
        name: attribute,
        type: { text: type },
        description: fieldDescription,
        fieldName: name,
        ...(initial ? { default: initial.replace(/_/g, '') } : {}),
      });
    }
    members.push(member);
  }
  for (const [, doc, name] of source.matchAll(
    /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\n {2}(?:get )?(\w+)\(\)/g,
  )) {
    const text = docText(`/**${doc}*/`).split('\n\n')[0].replace(/\s+/g, ' ');
    const getter = new RegExp(`\\n {2}get ${name}\\(\\)`).test(source);
    members.push(
      getter
        ? { kind: 'field', name, readonly: true, description: text }
        : { kind: 'method', name, description: text },
    );
  }
  return {
    schemaVersion: '1.0.0',
    readme: 'README.md',
    modules: [
      {
        kind: 'javascript-module',
        path: MODULE,
        declarations: [
          {
            kind: 'class',
            name: 'QentaPaymentForm',
            customElement: true,
            tagName: 'qenta-payment-form',
            summary,
            description,
            superclass: { name: 'LitElement', package: 'lit' },
            attributes,
            members,
            events: tags(classDoc, 'event'),
            slots: tags(classDoc, 'slot'),
            cssParts: tags(classDoc, 'csspart'),
            cssProperties: tags(classDoc, 'cssproperty'),
            cssStates: tags(classDoc, 'cssstate'),
          },
        ],
        exports: [
          {
            kind: 'js',
            name: 'QentaPaymentForm',
            declaration: { name: 'QentaPaymentForm', module: MODULE },
          },
        ],
      },
      {
        kind: 'javascript-module',
        path: DEFINE_MODULE,
        declarations: [],
        exports: [
          {
            kind: 'custom-element-definition',
            name: 'qenta-payment-form',
            declaration: { name: 'QentaPaymentForm', module: MODULE },
          },
        ],
      },
    ],
  };
}

/** The manifest as written to disk. */
export function manifestText() {
  return `${JSON.stringify(buildManifest(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../custom-elements.json', import.meta.url), manifestText());
  console.log('wrote custom-elements.json');
}
