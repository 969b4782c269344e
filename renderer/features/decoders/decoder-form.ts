/** The decoder picker's form: what the user chose and typed, as a DecoderSpec (or what is missing). Pure. */
import { fileName } from '../file-name.js';
import type { DecoderSpec } from '../../../shared/ipc/decoder-commands.js';

/** The kinds offered, `none` first. */
export type DecoderChoice = 'none' | DecoderSpec['kind'];

export const CHOICE_LABELS: Readonly<Record<DecoderChoice, string>> = {
  none: 'None',
  json: 'JSON',
  msgpack: 'MessagePack',
  protobuf: 'Protobuf',
  module: 'JS module',
};

/** The form's fields. */
export interface DecoderForm {
  readonly choice: DecoderChoice;
  readonly protoPath: string;
  readonly messageType: string;
  readonly modulePath: string;
}

export const EMPTY_FORM: DecoderForm = { choice: 'none', protoPath: '', messageType: '', modulePath: '' };

/** The form showing a spec (null: none). */
export function formOf(spec: DecoderSpec | null): DecoderForm {
  if (spec === null) return EMPTY_FORM;
  switch (spec.kind) {
    case 'protobuf':
      return { ...EMPTY_FORM, choice: 'protobuf', protoPath: spec.protoPath, messageType: spec.messageType };
    case 'module':
      return { ...EMPTY_FORM, choice: 'module', modulePath: spec.modulePath };
    default:
      return { ...EMPTY_FORM, choice: spec.kind };
  }
}

const isAbsolute = (path: string): boolean => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);

/** The spec the form describes (null for none), or what is missing. */
export function specOf(
  form: DecoderForm,
): { ok: true; spec: DecoderSpec | null } | { ok: false; error: string } {
  switch (form.choice) {
    case 'none':
      return { ok: true, spec: null };
    case 'json':
    case 'msgpack':
      return { ok: true, spec: { kind: form.choice } };
    case 'protobuf': {
      const protoPath = form.protoPath.trim();
      const messageType = form.messageType.trim();
      if (!isAbsolute(protoPath)) return { ok: false, error: 'The .proto file’s absolute path.' };
      if (messageType === '') return { ok: false, error: 'The message type (e.g. chat.Envelope).' };
      return { ok: true, spec: { kind: 'protobuf', protoPath, messageType } };
    }
    case 'module': {
      const modulePath = form.modulePath.trim();
      if (!isAbsolute(modulePath)) return { ok: false, error: 'The module’s absolute path.' };
      return { ok: true, spec: { kind: 'module', modulePath } };
    }
  }
}

/** A short name for a spec: `MessagePack`, `Protobuf chat.Envelope`, `module decode.mjs`. */
export function specLabel(spec: DecoderSpec | null): string {
  if (spec === null) return 'none';
  switch (spec.kind) {
    case 'protobuf':
      return `Protobuf ${spec.messageType}`;
    case 'module':
      return `module ${fileName(spec.modulePath)}`;
    default:
      return CHOICE_LABELS[spec.kind];
  }
}
