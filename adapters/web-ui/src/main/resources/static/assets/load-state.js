/**
 * The loading and failed states of a part of the page filled from the API. While a request runs, the part
 * is busy (aria-busy) and a status line says it is loading; when the request fails (no answer, or an error
 * of the service), an alert says so with a Retry button that runs the same request again. Only that part
 * waits or fails: the rest of the page stays usable.
 *
 * After Retry, focus waits on the status line and then moves to the part once it is filled, or back to
 * Retry if the request fails again, so that a keyboard user never loses their place.
 */
import {focus, h, replace, show} from './dom.js';

/**
 * `id` prefixes the ids of the elements (`{id}-loading`, `{id}-error`, `{id}-error-text`, `{id}-retry`);
 * `region` is the element being filled; `loadingText` and `failedText` say what is loaded.
 * Returns `{element, start(), done(), failed(failure, retry)}`; `element` goes right before the region.
 */
export function loadState({id, region, loadingText, failedText}) {
    const loading = h('p', {class: 'load-status muted', id: `${id}-loading`, role: 'status', tabindex: '-1',
        hidden: true});
    const errorText = h('span', {class: 'load-failed-text', id: `${id}-error-text`});
    const retryButton = h('button', {type: 'button', class: 'button', id: `${id}-retry`, text: 'Retry'});
    const alert = h('div', {class: 'notice notice-error load-failed', id: `${id}-error`, role: 'alert', hidden: true},
        errorText, retryButton);
    const state = {element: h('div', {class: 'load-state'}, loading, alert), retry: null, retried: false};

    retryButton.addEventListener('click', () => {
        if (!state.retry) {
            return;
        }
        state.retried = true;
        state.retry();
        focus(loading);
    });

    state.start = () => {
        region.setAttribute('aria-busy', 'true');
        loading.textContent = loadingText;
        show(loading, true);
        show(alert, false);
    };
    state.done = () => {
        const waiting = document.activeElement === loading || document.activeElement === document.body;
        region.removeAttribute('aria-busy');
        show(loading, false);
        loading.textContent = '';
        show(alert, false);
        if (state.retried && waiting && !region.hidden) {
            focus(region);
        }
        state.retried = false;
    };
    state.failed = (failure, retry) => {
        const waiting = document.activeElement === loading || document.activeElement === document.body;
        region.removeAttribute('aria-busy');
        show(loading, false);
        loading.textContent = '';
        errorText.textContent = `${failedText}: ${failure.message}`;
        state.retry = retry;
        show(alert, true);
        if (state.retried && waiting) {
            focus(retryButton);
        }
        state.retried = false;
    };
    return state;
}

/**
 * A whole view waiting for its first answer, in `container` (the region being filled): its heading, then
 * the loading state of `what` (e.g. "the integration"). Returns the state, already started; call `done()`
 * before filling the view.
 */
export function viewLoadState(container, id, heading, what) {
    const title = h('h1', {tabindex: '-1', text: heading});
    const state = loadState({id, region: container, loadingText: `Loading ${what}…`,
        failedText: `${what.charAt(0).toUpperCase()}${what.slice(1)} could not be loaded`});
    replace(container, title, state.element);
    state.start();
    focus(title);
    return state;
}

/** Whether a failed request may succeed when sent again: no answer, or an error of the service. */
export function retryable(failure) {
    return failure.status === 0 || failure.status >= 500;
}

/**
 * The first load of an integration's page in `container`: `load()` runs while the page says it is loading;
 * when it fails in a way that may pass when sent again, the page says so and its Retry calls `again()`; an
 * integration that does not exist (or is another company's) is said to be not found. Answers what `load()`
 * gave, or null when the view has nothing more to show.
 */
export async function loadIntegrationPage({app, container, token, load, again}) {
    const loading = viewLoadState(container, 'integration', 'Integration', 'the integration');
    let loaded;
    try {
        loaded = await load();
    } catch (failure) {
        if (!app.isCurrent(token) || failure.status === 401) {
            return null;
        }
        if (retryable(failure)) {
            loading.failed(failure, again);
            return null;
        }
        loading.done();
        if (failure.status === 404 || failure.status === 400) {
            replace(container,
                h('h1', {tabindex: '-1', text: 'Integration not found'}),
                h('p', {}, 'This integration does not exist, or it belongs to another company. ',
                    h('a', {href: '#/', text: 'Back to the custom integrations'}), '.'));
            focus(container.querySelector('h1'));
            return null;
        }
        throw failure;
    }
    if (!app.isCurrent(token)) {
        return null;
    }
    loading.done();
    return loaded;
}
