/**
 * The payload encryption keys. The first key encrypts; every key decrypts, so a rotation adds a new
 * first key and keeps the old ones until no running history needs them.
 */
export interface EncryptionKey {
  /** Short, stable id written into every payload's metadata; never the key itself. */
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

export class KeyringError extends Error {}

const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;

export class Keyring {
  private readonly byId: Map<string, Buffer>;

  constructor(readonly keys: readonly EncryptionKey[]) {
    if (keys.length === 0) throw new KeyringError('no encryption key: at least one is needed');
    this.byId = new Map();
    for (const k of keys) {
      if (!KEY_ID.test(k.id)) throw new KeyringError(`encryption key id "${k.id}": letters, digits, '.', '_' or '-', up to 32`);
      if (k.key.length !== 32) throw new KeyringError(`encryption key ${k.id}: must be 32 bytes (AES-256), got ${k.key.length}`);
      if (this.byId.has(k.id)) throw new KeyringError(`encryption key id ${k.id} appears twice`);
      this.byId.set(k.id, k.key);
    }
  }

  get current(): EncryptionKey {
    return this.keys[0];
  }

  key(id: string): Buffer | undefined {
    return this.byId.get(id);
  }

  /** "id:base64,id:base64", newest first: the form used in CARE_REVIEWS_ENCRYPTION_KEYS. */
  static parse(text: string): Keyring {
    const keys = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry) => {
        const at = entry.indexOf(':');
        if (at < 1) throw new KeyringError('encryption keys: each entry is "<id>:<base64 of 32 bytes>", newest first');
        return { id: entry.slice(0, at), key: Buffer.from(entry.slice(at + 1), 'base64') };
      });
    return new Keyring(keys);
  }

  format(): string {
    return this.keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
  }
}
