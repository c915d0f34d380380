package io.integrationregistry.adapters.providerhttp;

import fixtures.providers.DocumentProviderStub;

import java.time.Instant;

/**
 * The documents the adapter's tests read: offers in the root folder and in a folder of contracts, with
 * view and download links and a date to the millisecond; one of them is read-only.
 */
final class OfferTree {

    static final Instant MODIFIED = Instant.parse("2024-05-06T07:08:09.123Z");

    private OfferTree() {}

    static DocumentProviderStub planted(DocumentProviderStub provider) {
        provider.documents()
                .clear()
                .putFolder("/", "Root", null)
                .putFolder("folder-1", "Contracts", "/")
                .putFile("doc-1", "Offer.pdf", "/", "application/pdf", 1234, Patterns::byteAt)
                .putFile("doc-2", "Offer draft.docx", "folder-1", "application/msword", 77, Patterns::byteAt)
                .putFile("doc-3", "Budget.xlsx", "folder-1", "application/vnd.ms-excel", 5, Patterns::byteAt)
                .readOnly("doc-3")
                .links("https://dms.example/view/", "https://dms.example/download/")
                .modifiedAt(MODIFIED);
        return provider;
    }

    /** A file of this many pattern bytes in the root folder. */
    static void largeFile(DocumentProviderStub provider, String id, long size) {
        provider.documents().putFile(id, id + ".bin", "/", "application/octet-stream", size, Patterns::byteAt);
    }
}
