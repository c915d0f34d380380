/**
 * Keeps the user from losing work when leaving a view: the view sets a guard (see app.setLeaveGuard),
 * and links to other views, Back and Forward, sign-out, reload and close consult it. A view that is
 * left or replaced takes its guard with it.
 */

let guard = null;
/** The hash of the view shown, to go back to when the user stays. */
let shownHash = null;

/** `next.unsaved()` says whether leaving would lose something, `next.confirm()` asks (a promise of true to leave). */
export function setLeaveGuard(next) {
    guard = next;
}

/** A new view is shown: it starts without a guard. */
export function viewShown() {
    guard = null;
    shownHash = location.hash;
}

/** Whether the current view may be left: at once when nothing would be lost, else as the user answers. */
export async function mayLeave() {
    const asking = guard;
    if (!asking || !asking.unsaved()) {
        return true;
    }
    const leaving = await asking.confirm();
    if (leaving && guard === asking) {
        guard = null;
    }
    return leaving;
}

/** A link to another view is followed only once the current view may be left. */
function guardLinks(event) {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey
        || event.altKey || !guard || !guard.unsaved()) {
        return;
    }
    const target = link.getAttribute('href');
    if (target === location.hash) {
        return;
    }
    event.preventDefault();
    mayLeave().then(leaving => {
        if (leaving) {
            location.hash = target;
        }
    });
}

/** Routes on every change of the hash, unless the user stays: then the address of the view shown comes back. */
export function installLeaveGuard(route) {
    window.addEventListener('hashchange', async () => {
        if (shownHash !== null && location.hash !== shownHash && !(await mayLeave())) {
            history.pushState(null, '', location.pathname + location.search + shownHash);
            return;
        }
        route();
    });
    document.addEventListener('click', guardLinks, true);
    // reload and close: the browser asks, in its own words
    window.addEventListener('beforeunload', event => {
        if (guard && guard.unsaved()) {
            event.preventDefault();
            event.returnValue = '';
        }
    });
}
