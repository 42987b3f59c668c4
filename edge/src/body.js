// The request body, read up to the limit (docs/HTTP.md: 1 MiB, "by
// Content-Length or as read").
//
// A body over the limit is still read, and dropped, up to DRAIN_FACTOR times
// the limit, as the native shell does: an answer sent while the client is
// still sending a body nobody reads can be lost to a connection reset
// (RFC 9112 §9.6), and the connection could not serve another request.
// Beyond that the read is cancelled.
const DRAIN_FACTOR = 16;

// -> {bytes: Uint8Array} or {bytes: null} when the body is over `limit`.
export async function readBody(request, limit) {
  const declared = request.headers.get('Content-Length');
  const declaredOver = declared !== null && Number(declared) > limit;
  if (request.body === null) return { bytes: declaredOver ? null : new Uint8Array(0) };

  const reader = request.body.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > DRAIN_FACTOR * limit) {
      await reader.cancel();
      return { bytes: null };
    }
    if (!declaredOver && length <= limit) chunks.push(value);
  }
  if (declaredOver || length > limit) return { bytes: null };
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
