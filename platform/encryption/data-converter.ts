/**
 * The one data converter every client and worker uses: encrypted payloads and encrypted failure text.
 */
import { DataConverter } from '@temporalio/common';
import { AesGcmCodec } from './aes-gcm-codec';
import { Keyring } from './keyring';

export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

export function encryptedDataConverter(keyring: Keyring): DataConverter {
  return { payloadCodecs: [new AesGcmCodec(keyring)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
