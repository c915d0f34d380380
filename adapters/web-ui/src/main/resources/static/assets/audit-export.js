/** The audit trail's exports and address: both carry the filters and the order of the trail shown. */
import {api, auditQuery} from './api.js';
import {h} from './dom.js';

/** The export links carry the filters, so that an export holds what the page shows. */
export function updateExportLinks(view) {
    const query = auditQuery(view.filters);
    query.set('format', 'csv');
    view.exportCsv.setAttribute('href', `/api/audit/export?${query}`);
    query.set('format', 'ndjson');
    view.exportNdjson.setAttribute('href', `/api/audit/export?${query}`);
}

/** Keeps the filters in the address, so that reloading or going back shows the same trail. */
export function rememberFilters(filters) {
    const query = auditQuery(filters);
    const hash = query.toString() ? `#/audit?${query}` : '#/audit';
    if (location.hash !== hash) {
        history.replaceState(null, '', hash);
    }
}

/** Downloads an export through the API (the credentials travel in a header, not in the link). */
export async function download(view, format) {
    const exportStatus = view.exportStatus;
    exportStatus.textContent = `Preparing the ${format.toUpperCase()} export…`;
    try {
        const response = await api.auditExport(view.filters, format);
        const blob = await response.blob();
        const name = filename(response.headers.get('Content-Disposition')) || `audit.${format}`;
        const url = URL.createObjectURL(blob);
        const link = h('a', {href: url, download: name, hidden: true});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        exportStatus.textContent = `Downloaded ${name}.`;
    } catch (failure) {
        if (failure.status !== 401) {
            exportStatus.textContent = 'The export failed: ' + failure.message;
        }
    }
}

function filename(disposition) {
    if (!disposition) {
        return null;
    }
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    return match ? decodeURIComponent(match[1]).replace(/[\\/]/g, '_') : null;
}
