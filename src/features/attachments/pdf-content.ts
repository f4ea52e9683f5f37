// Comments in PDF content streams (`% …` up to the end of the line) draw nothing but can carry
// anything a producer wrote there — a user name, a file path. They are cut out while every
// other byte is copied as it is: literal and hex strings are stepped over whole (a `%` inside
// one is text), and so are the binary data of inline images (between `ID` and `EI`).
const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const PERCENT = 0x25;
const isWhite = (byte: number | undefined) => byte === undefined || WHITE.has(byte);

/** Where a literal string that opens at `start` ends (just after its closing parenthesis). */
function literalEnd(bytes: Uint8Array, start: number): number {
  let depth = 0;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x5c) i++;
    else if (byte === 0x28) depth++;
    else if (byte === 0x29 && --depth === 0) return i + 1;
  }
  return bytes.length;
}

/** Where the data of an inline image that starts at `start` ends: before whitespace, EI, whitespace. */
function inlineImageEnd(bytes: Uint8Array, start: number): number {
  for (let i = start; i + 2 < bytes.length; i++)
    if (
      isWhite(bytes[i]) &&
      bytes[i + 1] === 0x45 &&
      bytes[i + 2] === 0x49 &&
      isWhite(bytes[i + 3])
    )
      return i;
  return bytes.length;
}

/** The content stream without its comments, or undefined when it has none. */
export function withoutComments(bytes: Uint8Array): Uint8Array | undefined {
  const kept: Uint8Array[] = [];
  let changed = false;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    let end = i + 1;
    if (byte === 0x28) end = literalEnd(bytes, i);
    else if (byte === 0x3c && bytes[i + 1] !== 0x3c)
      end = Math.max(bytes.indexOf(0x3e, i) + 1, i + 1);
    else if (
      byte === 0x49 &&
      bytes[i + 1] === 0x44 &&
      isWhite(bytes[i - 1]) &&
      isWhite(bytes[i + 2])
    )
      end = inlineImageEnd(bytes, i + 3);
    else if (byte === PERCENT) {
      while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
      changed = true;
      i = end;
      continue;
    }
    kept.push(bytes.subarray(i, end));
    i = end;
  }
  return changed ? Buffer.concat(kept) : undefined;
}
