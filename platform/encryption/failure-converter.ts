/**
 * Failure messages and stack traces can quote a child's dates; this converter moves them into an
 * encoded payload so the codec encrypts them too. Bundled into the workflow code (failureConverterPath).
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
