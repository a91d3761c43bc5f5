import { defineSignal } from '@temporalio/workflow';
import { CalendarSnapshot } from './working-day-calendar';

/**
 * An operator changed the bank holidays: every running case workflow gets the new snapshot and
 * recomputes its pending deadlines. The snapshot travels in the signal, so replay sees the same one.
 */
export const calendarUpdated = defineSignal<[CalendarSnapshot]>('calendarUpdated');
