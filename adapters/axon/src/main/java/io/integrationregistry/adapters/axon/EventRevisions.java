package io.integrationregistry.adapters.axon;

import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationEvent.IntegrationEdited;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;

/**
 * The revision each event type is stored in. The domain's records carry no annotation, so the
 * revisions are listed here; every change of a stored shape adds a revision and an upcaster. Other stored
 * types, such as the aggregate's snapshots, carry theirs in {@code @Revision}.
 */
final class EventRevisions implements RevisionResolver {

    /**
     * Revision 2 of IntegrationAdded carries the OAuth2 authentication's {@code scopes}; revision 1 was
     * stored without a revision.
     */
    static final String INTEGRATION_ADDED = "2";

    /**
     * Revision 2 of IntegrationEdited names the query string {@code requestParameters} (it was {@code queryString});
     * revision 3 carries the OAuth2 authentication's {@code scopes}.
     */
    static final String INTEGRATION_EDITED_2 = "2";

    static final String INTEGRATION_EDITED = "3";

    private static final RevisionResolver ANNOTATED = new AnnotationRevisionResolver();

    @Override
    public String revisionOf(Class<?> payloadType) {
        if (payloadType == IntegrationAdded.class) {
            return INTEGRATION_ADDED;
        }
        return payloadType == IntegrationEdited.class ? INTEGRATION_EDITED : ANNOTATED.revisionOf(payloadType);
    }
}
