/**
 * The mail dispatcher's side of the statutory record: the deliveries that ended (kept in the store
 * in the same transaction as their end, data/record/delivery-outbox.ts) appended to the record as
 * `notification/delivered` or `notification/failed`, then no longer kept.
 */
import { EmbeddedStore } from '../data/embedded-store';
import { notificationFact } from '../data/record/notification-facts';
import type { RecordStore } from '../data/record/record-store';

const BATCH = 200;

/** Appends up to `batches` batches; throws (keeping them) if the record does not take them. Returns facts written. */
export async function appendDeliveryFacts(store: EmbeddedStore, record: RecordStore, batches = 20): Promise<number> {
  let written = 0;
  for (let b = 0; b < batches; b++) {
    const pending = store.mail.forRecord.pending(BATCH);
    const facts = pending.flatMap((p) => {
      const n = store.notification(p.notificationId);
      const fact = n && notificationFact(n, p.what, p.on, store.cases.get(n.caseId));
      return fact ? [fact] : [];
    });
    written += await record.append(facts);
    store.mail.forRecord.done(pending);
    if (pending.length < BATCH) break;
  }
  return written;
}
