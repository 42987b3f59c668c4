// Client-side helpers for the native server's tests: request signing as
// docs/HTTP.md defines it (computed with Node's own crypto, an
// implementation independent of the server's libsodium), raw HTTP requests
// whose paths no URL parser normalises, and a Server-Sent Events reader.
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './native_server.mjs';

export const tenants = JSON.parse(
  readFileSync(path.join(repoRoot, 'tests/http/tenants.json'), 'utf8'),
).tenants;

export const acmeKey = tenants.acme.api_keys[0];
export const globexKey = tenants.globex.api_keys[0];
export const bearer = (key = acmeKey) => ({ Authorization: `Bearer ${key}` });

export function unixNow() {
  return Math.floor(Date.now() / 1000);
}

// X-LF-* headers for a request signed with `secret`:
// hex HMAC-SHA256(secret, timestamp \n METHOD \n path \n hex SHA-256(body)).
export function signedHeaders({ tenant = 'acme', secret = tenants.acme.hmac_secret, method = 'POST',
  path: requestPath, body = '', timestamp = unixNow() }) {
  const digest = createHash('sha256').update(body).digest('hex');
  const message = `${timestamp}\n${method}\n${requestPath}\n${digest}`;
  const signature = createHmac('sha256', secret).update(message).digest('hex');
  return { 'X-LF-Tenant': tenant, 'X-LF-Timestamp': String(timestamp), 'X-LF-Signature': signature };
}

export async function post(url, route, body, headers = bearer()) {
  const response = await fetch(`${url}/v1/${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

// One request with the path sent exactly as given.
export function rawRequest(url, { method = 'GET', path: requestPath, headers = {}, body } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method, path: requestPath, headers, agent: false },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => { chunks.push(chunk); });
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: response.statusCode, headers: response.headers, bytes, text: bytes.toString('utf8') });
        });
      });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

// Reads /v1/stream, calling `onEvent({id, type, data})` for every event
// until it returns true (or `timeoutMs` passes, which rejects). Resolves
// with the events read.
export async function readStream(url, { headers = {}, onEvent, timeoutMs = 20_000 }) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events = [];
  try {
    const response = await fetch(`${url}/v1/stream`, { headers, signal: controller.signal });
    if (response.status !== 200) {
      throw new Error(`GET /v1/stream answered ${response.status}: ${await response.text()}`);
    }
    const decoder = new TextDecoder();
    let buffer = '';
    let done = false;
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while (!done && (end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = {};
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) event.id = Number(line.slice(4));
          else if (line.startsWith('event: ')) event.type = line.slice(7);
          else if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
        }
        if (event.id === undefined) continue; // a keep-alive comment
        events.push(event);
        done = onEvent(event) === true;
      }
      if (done) break; // cancels the body: the connection closes
    }
    if (!done) throw new Error(`the stream ended after ${events.length} events`);
    return events;
  } catch (error) {
    if (error.name === 'AbortError') {
      throw new Error(`no end condition within ${timeoutMs} ms (${events.length} events read)`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
