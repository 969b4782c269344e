import { isUtf8 } from 'node:buffer';
import { useNativeBase64 } from '../../shared/protocol/base64.js';
import { useNativeUtf8Validator } from '../../shared/protocol/utf8.js';

/**
 * Gives shared/ code Node's native UTF-8 validation and base64 encoding: the same answers as its
 * portable versions, several times faster. Called by the modules that build events from bytes
 * (the tap, the recording reader); calling it again changes nothing.
 */
export function useNativeCodecs(): void {
  useNativeUtf8Validator(isUtf8);
  useNativeBase64((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64'));
}
