/** One short line per action for the timeline's `rule` events: `reply json`, `delay 500ms`, `close 4000 "bye"`. */
import type { MessageSpec, MockAction, SendSpec, Template } from './definition.js';
import { formatDuration } from './duration.js';

/** Descriptions of an action list, in order. */
export function describeActions(actions: readonly MockAction[]): string[] {
  return actions.map(describeAction);
}

/** One action as a short phrase. */
export function describeAction(action: MockAction): string {
  const unless = action.unless === null ? '' : ` unless ${action.unless}`;
  return describeBody(action) + unless;
}

function describeBody(action: MockAction): string {
  switch (action.kind) {
    case 'reply':
      return `reply ${describeMessage(action.message)}${describeSend(action)}`;
    case 'broadcast':
      return `broadcast ${describeMessage(action.message)} to ${action.room === null ? 'own rooms' : quote(action.room)}${action.exceptSelf ? ' except self' : ''}${describeSend(action)}`;
    case 'delay':
      return `delay ${formatDuration(action.ms)}`;
    case 'close':
      return [
        'close',
        action.code ?? '(no code)',
        action.reason === null ? '' : quote(action.reason),
        action.force ? 'forced' : '',
      ]
        .filter((s) => s !== '')
        .join(' ');
    case 'drop':
      return 'drop TCP';
    case 'pongs':
      return action.on ? 'pongs on' : 'pongs off';
    case 'ping':
      return action.data === null ? 'ping' : `ping ${quote(action.data)}`;
    case 'raw':
      return `raw ${action.frames.length} frame${action.frames.length === 1 ? '' : 's'}`;
    case 'every':
      return `every ${formatDuration(action.ms)}${action.times === null ? '' : ` ×${action.times}`}: ${action.then.length} action${action.then.length === 1 ? '' : 's'}`;
    case 'after':
      return `after ${formatDuration(action.ms)}: ${action.then.length} action${action.then.length === 1 ? '' : 's'}`;
    case 'set':
      return `set ${action.values.map(([key]) => key).join(', ')}`;
    case 'join':
    case 'leave':
      return `${action.kind} ${quote(action.room)}`;
    case 'log':
      return `log ${quote(action.message)}`;
  }
}

function describeMessage(message: MessageSpec): string {
  switch (message.kind) {
    case 'text':
      return `text ${quote(message.template)}`;
    case 'json':
      return 'json';
    case 'binary':
      return `binary ${message.bytes.length} B`;
    case 'same':
      return 'the same message';
  }
}

function describeSend(spec: SendSpec): string {
  const parts: string[] = [];
  if (spec.fragments !== null)
    parts.push(
      typeof spec.fragments === 'number'
        ? `${spec.fragments} fragments`
        : `fragments ${spec.fragments.join('+')}`,
    );
  if (spec.compress !== null) parts.push(spec.compress ? 'compressed' : 'uncompressed');
  return parts.length > 0 ? `, ${parts.join(', ')}` : '';
}

function quote(template: Template): string {
  const text = template.source.length > 40 ? `${template.source.slice(0, 39)}…` : template.source;
  return JSON.stringify(text);
}
