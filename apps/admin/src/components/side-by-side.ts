import { diffLines, diffWordsWithSpace } from 'diff';

export type DiffRowKind = 'same' | 'changed' | 'removed' | 'added';

/** One row of a side-by-side diff: the left line, the right line, or both. */
export interface DiffRow {
  kind: DiffRowKind;
  left?: { number: number; text: string } | undefined;
  right?: { number: number; text: string } | undefined;
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Aligns two texts line by line: removed lines next to the lines that replaced them, unchanged lines side by side. */
export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let leftNumber = 0;
  let rightNumber = 0;
  const changes = diffLines(before, after);
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index];
    if (!change) continue;
    const lines = splitLines(change.value);
    if (change.removed) {
      const next = changes[index + 1];
      const added = next?.added ? splitLines(next.value) : [];
      if (next?.added) index++;
      for (let i = 0; i < Math.max(lines.length, added.length); i++) {
        const left = lines[i];
        const right = added[i];
        rows.push({
          kind: left !== undefined && right !== undefined ? 'changed' : left !== undefined ? 'removed' : 'added',
          left: left !== undefined ? { number: ++leftNumber, text: left } : undefined,
          right: right !== undefined ? { number: ++rightNumber, text: right } : undefined,
        });
      }
    } else if (change.added) {
      for (const text of lines) rows.push({ kind: 'added', right: { number: ++rightNumber, text } });
    } else {
      for (const text of lines)
        rows.push({ kind: 'same', left: { number: ++leftNumber, text }, right: { number: ++rightNumber, text } });
    }
  }
  return rows;
}

/** One piece of a changed line: `changed` pieces differ from the other side's line. */
export interface LinePart {
  text: string;
  changed: boolean;
}

/** The parts of each side of a changed line, so the exact words that changed can be highlighted. */
export function changedParts(left: string, right: string): { left: LinePart[]; right: LinePart[] } {
  const out = { left: [] as LinePart[], right: [] as LinePart[] };
  for (const part of diffWordsWithSpace(left, right)) {
    if (!part.added) out.left.push({ text: part.value, changed: part.removed });
    if (!part.removed) out.right.push({ text: part.value, changed: part.added });
  }
  return out;
}
