package io.integrationregistry.adapters.axon;

import io.integrationregistry.domain.IntegrationEvent.IntegrationEdited;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;

/**
 * The revision each event type is stored in. The domain's records carry no annotation, so the
 * revisions are listed here; every change of a stored shape adds a revision and an upcaster. Other stored
 * types, such as the aggregate's snapshots, carry theirs in {@code @Revision}.
 */
final class EventRevisions implements RevisionResolver {

    /** Revision 2 of IntegrationEdited names the query string {@code requestParameters} (it was {@code queryString}). */
    static final String INTEGRATION_EDITED = "2";

    private static final RevisionResolver ANNOTATED = new AnnotationRevisionResolver();

    @Override
    public String revisionOf(Class<?> payloadType) {
        return payloadType == IntegrationEdited.class ? INTEGRATION_EDITED : ANNOTATED.revisionOf(payloadType);
    }
}
