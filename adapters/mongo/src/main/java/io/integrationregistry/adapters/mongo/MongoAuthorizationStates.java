package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.connections.port.out.AuthorizationState;
import io.integrationregistry.application.connections.port.out.ForKeepingAuthorizationStates;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.SealedSecret;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.util.Optional;

/**
 * The OAuth 2.0 states waiting for their callback, one document per state hash. Consuming one is a
 * single find-and-delete, so that of two callbacks with the same state only one gets it. A TTL index
 * on the expiry lets MongoDB purge the states nobody came back for; servers without TTL indexes keep
 * them, and a state may be answered after its expiry, which its caller checks. The PKCE code verifier
 * kept with a state is stored only sealed (key id and ciphertext), never in plain text.
 */
public class MongoAuthorizationStates implements ForKeepingAuthorizationStates {

    static final String COLLECTION = "oauth2_states";
    static final String ID = "_id";
    static final String INTEGRATION_ID = "integrationId";
    static final String COMPANY_ID = "companyId";
    static final String USER = "user";
    static final String EXPIRES_AT = "expiresAt";
    static final String BROWSER_BINDING_HASH = "browserBindingHash";
    static final String CODE_VERIFIER = "codeVerifier";
    private static final String KEY_ID = "keyId";
    private static final String CIPHERTEXT = "ciphertext";

    private final MongoTemplate mongo;

    public MongoAuthorizationStates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates the TTL index on the expiry, unless it exists; safe to call at every start. */
    public void ensureIndexes() {
        mongo.indexOps(COLLECTION)
                .createIndex(new Index()
                        .on(EXPIRES_AT, Sort.Direction.ASC)
                        .expire(Duration.ZERO)
                        .named("expires_at_ttl"));
    }

    /**
     * Inserts the state. A state whose hash is already remembered is refused with a
     * {@link org.springframework.dao.DuplicateKeyException}: state values are random, so it is a bug.
     */
    @Override
    public void remember(AuthorizationState state) {
        Document stored = new Document(ID, state.stateHash())
                .append(INTEGRATION_ID, state.integration().value())
                .append(COMPANY_ID, state.company().value())
                .append(USER, state.user())
                .append(BROWSER_BINDING_HASH, state.browserBindingHash());
        state.codeVerifier()
                .ifPresent(verifier -> stored.append(
                        CODE_VERIFIER,
                        new Document(KEY_ID, verifier.keyId()).append(CIPHERTEXT, verifier.ciphertext())));
        PreciseInstants.put(stored, EXPIRES_AT, state.expiresAt());
        mongo.insert(stored, COLLECTION);
    }

    @Override
    public Optional<AuthorizationState> consume(String stateHash) {
        // One findOneAndDelete command: the server hands the document to exactly one of racing callers.
        Document removed =
                mongo.findAndRemove(Query.query(Criteria.where(ID).is(stateHash)), Document.class, COLLECTION);
        return Optional.ofNullable(removed).map(MongoAuthorizationStates::state);
    }

    private static AuthorizationState state(Document stored) {
        return new AuthorizationState(
                stored.getString(ID),
                new IntegrationId(stored.getString(INTEGRATION_ID)),
                new CompanyId(stored.getString(COMPANY_ID)),
                stored.getString(USER),
                PreciseInstants.get(stored, EXPIRES_AT),
                // A state stored before states were bound to a browser matches no browser: it is refused.
                stored.get(BROWSER_BINDING_HASH, ""),
                // A state stored before the service used PKCE has no verifier: it is refused.
                Optional.ofNullable(stored.get(CODE_VERIFIER, Document.class))
                        .map(verifier ->
                                new SealedSecret(verifier.getString(KEY_ID), verifier.getString(CIPHERTEXT), null)));
    }
}
