// Entries with an expiry in a Durable Object's storage: values are objects
// carrying `expiresAtMs`; an expired entry reads as absent at once and is
// deleted by the object's alarm, which runs at the earliest expiry stored
// (so storage does not grow with entries nobody asks for again).

const LIST_PAGE = 1000;
const DELETE_BATCH = 128; // storage.delete() takes at most 128 keys

export class ExpiringStorage {
  #storage;
  #prefix;

  constructor(storage, prefix) {
    this.#storage = storage;
    this.#prefix = prefix;
  }

  // The live value under `key` at `nowMs`, or undefined.
  async get(key, nowMs) {
    const value = await this.#storage.get(this.#prefix + key);
    return value !== undefined && value.expiresAtMs > nowMs ? value : undefined;
  }

  async put(key, value) {
    await this.#storage.put(this.#prefix + key, value);
    const alarm = await this.#storage.getAlarm();
    if (alarm === null || alarm > value.expiresAtMs) {
      await this.#storage.setAlarm(value.expiresAtMs);
    }
  }

  // Deletes the entries expired at `nowMs` and sets the alarm for the next.
  async sweep(nowMs) {
    let next = Infinity;
    let expired = [];
    let startAfter;
    for (;;) {
      const page = await this.#storage.list({ prefix: this.#prefix, startAfter, limit: LIST_PAGE });
      for (const [key, value] of page) {
        if (value.expiresAtMs <= nowMs) expired.push(key);
        else next = Math.min(next, value.expiresAtMs);
        startAfter = key;
      }
      if (page.size < LIST_PAGE) break;
    }
    for (let i = 0; i < expired.length; i += DELETE_BATCH) {
      await this.#storage.delete(expired.slice(i, i + DELETE_BATCH));
    }
    if (next !== Infinity) await this.#storage.setAlarm(next);
  }
}
