// A quoted string value as GStreamer prints it in a structure (bus messages, caps): backslash escapes,
// and every byte outside printable ASCII as \ooo octal (a UTF-8 file name's é is \303\251).
export function unescapeGstString(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const octal = text[i] === '\\' ? /^[0-7]{3}/.exec(text.slice(i + 1)) : null;
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      const c = text[i] === '\\' && i + 1 < text.length ? text[++i]! : text[i]!;
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
