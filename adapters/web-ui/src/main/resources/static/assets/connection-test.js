/**
 * The connection test of the integration form: it sends the values as typed (saved or not) and shows
 * the report step by step. Nothing is stored by a test.
 */
import {api} from './api.js';
import {focus, h, replace} from './dom.js';
import {requestBody} from './form-fields.js';
import {clearErrors, showFieldErrors} from './form-errors.js';

const STEP_NAMES = {reachable: 'Provider reachable', serviceInfo: 'Service information',
    authenticated: 'Credentials accepted', listedRoot: 'Root folder listed'};
/** A skipped step was not run (or the provider does not offer it): neither passed nor failed. */
const OUTCOMES = {PASSED: 'Passed', FAILED: 'Failed', SKIPPED: 'Skipped'};
const DETAIL_NAMES = {publisher: 'Publisher', version: 'Version', webhookVersion: 'Webhook version',
    availableEndpoints: 'Offered endpoints', customActions: 'Custom actions'};

/** The test button (for those who may change integrations) and the place of its report. */
export function buildConnectionTest(writer) {
    return {
        testButton: writer ? h('button', {type: 'button', class: 'button', id: 'test-connection'},
            'Test connection') : null,
        testReport: h('div', {class: 'test-report', id: 'test-report', 'aria-live': 'polite'})
    };
}

/** Tests the typed values; the form's `busy` flag keeps a save and a test from running together. */
export async function testConnection(view) {
    if (view.busy) {
        return;
    }
    const {app, token, id, fields, notices, testButton, testReport} = view;
    view.busy = true;
    testButton.setAttribute('aria-disabled', 'true');
    clearErrors(fields, notices);
    replace(testReport, h('p', {class: 'test-running', text: 'Testing the connection…'}));
    try {
        const answer = id ? await api.testSaved(id, requestBody(fields, {forEdit: true}))
            : await api.testNew(requestBody(fields, {forEdit: false, active: view.newActive}));
        if (app.isCurrent(token)) {
            renderReport(testReport, answer.data);
        }
    } catch (failure) {
        if (app.isCurrent(token)) {
            replace(testReport, h('p', {class: 'test-summary test-failed',
                text: 'The connection could not be tested: ' + (failure.fieldErrors.length
                    ? 'correct the highlighted fields first.' : failure.message)}));
            if (failure.fieldErrors.length) {
                const first = showFieldErrors(fields, notices, failure.fieldErrors);
                focus(first || notices.formMessage);
            }
        }
    } finally {
        view.busy = false;
        testButton.removeAttribute('aria-disabled');
    }
}

function renderReport(testReport, report) {
    const steps = (report && report.steps) || [];
    replace(testReport,
        h('h3', {class: 'test-summary ' + (report && report.ok ? 'test-passed' : 'test-failed'),
            text: report && report.ok ? 'Connection test passed' : 'Connection test failed'}),
        h('ol', {class: 'test-steps'}, steps.map(step => h('li', {
                class: `test-step step-${String(step.outcome || '').toLowerCase()}`,
                dataset: {step: step.name, outcome: step.outcome}
            },
            h('span', {class: 'step-outcome', text: OUTCOMES[step.outcome] || step.outcome}),
            h('span', {class: 'step-name', text: STEP_NAMES[step.name] || step.name}),
            step.latencyMillis !== null && step.latencyMillis !== undefined
                ? h('span', {class: 'step-latency', text: `${step.latencyMillis} ms`}) : null,
            step.message ? h('p', {class: 'step-message', text: step.message}) : null,
            renderDetails(step.details)))));
}

/** What a step found (serviceInfo: what the provider says about itself), as the provider wrote it. */
function renderDetails(details) {
    const entries = Object.entries(details || {});
    if (!entries.length) {
        return null;
    }
    return h('dl', {class: 'step-details'}, entries.flatMap(([name, value]) => [
        h('dt', {text: DETAIL_NAMES[name] || name}),
        h('dd', {text: String(value)})
    ]));
}
