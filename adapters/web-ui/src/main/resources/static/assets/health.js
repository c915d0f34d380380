/**
 * The health of an integration's provider calls, as the list and the integration's page show it: a badge
 * whose text names the state (never its colour alone) and a line naming the last call.
 */
import {h, time} from './dom.js';

/** The health states: the badge's text and class. UNKNOWN means no call in the last 15 minutes. */
const HEALTH = {
    HEALTHY: ['Healthy', 'badge-active'],
    DEGRADED: ['Degraded', 'badge-warning'],
    FAILING: ['Failing', 'badge-failing'],
    UNKNOWN: ['No recent calls', 'badge-inactive']
};

/** How a provider call ended, in words. */
export const OUTCOMES = {
    'success': 'Success',
    'provider-error': 'Provider error',
    'refused-credentials': 'Credentials refused',
    'not-implemented': 'Not implemented by the provider',
    'unreachable': 'Provider unreachable',
    'timeout': 'Timed out',
    'rate-limited': 'Rate limited',
    'not-found': 'Not found',
    'conflict': 'Conflict',
    'rejected-request': 'Request rejected',
    'payload-too-large': 'Upload too large',
    'answer-too-large': 'Answer too large',
    'outbound-refused': 'Address refused',
    'aborted': 'Aborted'
};

/**
 * The outcomes that count against the health: the provider failed to serve. The others are an answer,
 * even when it says no to the request (not found, conflict, a request it rejects).
 */
const FAILED = new Set(['rate-limited', 'refused-credentials', 'provider-error', 'timeout', 'unreachable',
    'answer-too-large', 'outbound-refused']);

/** A badge naming an outcome: green for a success, red for a failure of the provider, grey otherwise. */
export function outcomeBadge(outcome) {
    const variant = outcome === 'success' ? 'badge-active' : (FAILED.has(outcome) ? 'badge-failing' : 'badge-inactive');
    return h('span', {class: `outcome-badge badge ${variant}`, text: outcomeLabel(outcome)});
}

export function outcomeLabel(outcome) {
    return OUTCOMES[outcome] || outcome || '—';
}

/** Whether an answer carries the health at all (the answers of changes may not). */
export function hasHealth(integration) {
    return Boolean(integration) && Object.prototype.hasOwnProperty.call(integration, 'health');
}

export function healthBadge(health) {
    const key = HEALTH[health] ? health : 'UNKNOWN';
    const [label, variant] = HEALTH[key];
    return h('span', {class: `health-badge badge ${variant}`, dataset: {health: key}, text: label});
}

/** The last call: when, how it ended and the provider's HTTP status; or that none is known. */
export function lastCallLine(lastCall) {
    if (!lastCall) {
        return h('span', {class: 'last-call muted', text: 'No provider call recorded'});
    }
    const status = lastCall.status === null || lastCall.status === undefined ? '' : ` (HTTP ${lastCall.status})`;
    return h('span', {class: 'last-call', dataset: {outcome: lastCall.outcome || ''}},
        'Last call ', time(lastCall.at), ': ', outcomeLabel(lastCall.outcome) + status);
}

/** The badge above the last call's line; a dash when the answer carries no health. */
export function healthSummary(integration) {
    if (!hasHealth(integration)) {
        return h('span', {class: 'muted', text: '—'});
    }
    return h('span', {class: 'health'}, healthBadge(integration.health), lastCallLine(integration.lastCall));
}
