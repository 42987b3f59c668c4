// The request body, read up to the limit (docs/HTTP.md: 1 MiB, "by
// Content-Length or as read"). A body over the limit is never read further.

// -> {bytes: Uint8Array} or {bytes: null} when the body is over `limit`.
export async function readBody(request, limit) {
  const declared = request.headers.get('Content-Length');
  if (declared !== null && Number(declared) > limit) return { bytes: null };
  if (request.body === null) return { bytes: new Uint8Array(0) };

  const reader = request.body.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel();
      return { bytes: null };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes };
}

// The core reads UTF-8 text. Decoding keeps a leading byte-order mark, so the
// core sees the very bytes that were sent; bytes that are not UTF-8 give
// null.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function bodyText(bytes) {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}
