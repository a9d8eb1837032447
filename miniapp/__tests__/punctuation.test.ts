/**
 * @jest-environment node
 */
// Chinese UI text uses full-width marks (？，：！), never a half-width ? , : ! next to a Chinese
// character. Every string literal, template part and JSX text in miniapp/src is read through the
// TypeScript parser (comments are not UI text); times like 09:30 and URLs have no Chinese
// character beside the mark, so they pass.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const SRC = join(__dirname, '..', 'src');
const CJK = '[\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef]';
const MIXED = new RegExp(`${CJK} *[?,:!]|[?,:!] *${CJK}`);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Each UI string in a source with a half-width mark beside Chinese: "file:line text". */
function mixedMarks(fileName: string, code: string): string[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const text = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node) ? node.text : null;
    if (text !== null && MIXED.test(text)) found.push(`${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${text.trim()}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('Chinese UI text punctuation', () => {
  it('finds a half-width ? , : or ! beside a Chinese character in a string, a template or JSX text', () => {
    expect(mixedMarks('a.ts', "const a = '确定取消吗?';")).toHaveLength(1);
    expect(mixedMarks('a.ts', 'const a = `第${n}号,请到窗口`;')).toHaveLength(1);
    expect(mixedMarks('a.tsx', 'const a = <Text>开发环境验证码: {code}</Text>;')).toHaveLength(1);
    expect(mixedMarks('a.ts', "const a = '! 已报告工作人员核查';")).toHaveLength(1);
    expect(mixedMarks('a.ts', 'const a = `! 有 ${n} 个代办邀请`;')).toHaveLength(1);
  });

  it('lets times, URLs, full-width marks and comments pass', () => {
    expect(mixedMarks('a.ts', "const a = '营业至 17:30'; const b = 'https://example.cn/a?b=1';")).toEqual([]);
    expect(mixedMarks('a.tsx', "// 注意: comment\nconst a = <Text>确定取消吗？请到窗口，验证码：{code}</Text>;")).toEqual([]);
  });

  it('finds none in miniapp/src', () => {
    expect(sources(SRC).flatMap((path) => mixedMarks(path.slice(SRC.length + 1), readFileSync(path, 'utf8')))).toEqual([]);
  });
});
