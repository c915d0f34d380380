package io.integrationregistry.adapters.secrets;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import fixtures.mongo.EmbeddedMongo;
import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.application.shared.SecretUnreadable;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.SealedSecret;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Envelope encryption on the embedded MongoDB-wire server: data keys, master keys, rotation. */
@ExtendWith(OutputCaptureExtension.class)
class EnvelopeSecretSealerTest {

    private static final String LONG_SECRET = "s3cr3t-client-secret-WXYZ";
    private static final String K1 = MasterKeys.newKeysetJson();
    private static final String K2 = MasterKeys.newKeysetJson();

    @TempDir
    static Path folder;

    private static EmbeddedMongo server;

    private MongoTemplate mongo;
    private MongoWrappedDataKeys store;
    private final IntegrationId owner = IntegrationId.of(UUID.randomUUID());

    @BeforeAll
    static void startServer() {
        server = new EmbeddedMongo(folder, "secrets");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void emptyCollection() {
        mongo = server.template();
        mongo.dropCollection(MongoWrappedDataKeys.COLLECTION);
        store = new MongoWrappedDataKeys(mongo);
    }

    @Test
    void givenASealedSecret_whenOpened_thenItIsTheSecretAndItWasSealedByTheIntegrationsDataKey() {
        EnvelopeSecretSealer sealer = sealer(ring(key("k1", K1, true)));

        SealedSecret sealed = sealer.seal(owner, secret(LONG_SECRET));

        assertThat(sealed.keyId()).startsWith("dk1:");
        assertThat(sealed.last4()).isEqualTo("WXYZ");
        assertThat(sealer.open(owner, sealed).reveal()).isEqualTo(LONG_SECRET);
        assertThat(sealer.holdsSameSecret(owner, sealed, secret(LONG_SECRET))).isTrue();
        assertThat(sealer.holdsSameSecret(owner, sealed, secret(LONG_SECRET + "!")))
                .isFalse();
        assertThat(sealer(ring(key("k1", K1, true))).open(owner, sealed).reveal())
                .as("opens after a restart, from the stored data key")
                .isEqualTo(LONG_SECRET);
        Document stored = storedDataKey(owner);
        assertThat(stored.getString("masterKeyId")).isEqualTo("k1");
        assertThat(stored.getDate("createdAt")).isNotNull();
        assertThat(mongo.getCollection(MongoWrappedDataKeys.COLLECTION).countDocuments())
                .isEqualTo(1);
    }

    @Test
    void givenTwoSecretsOfOneIntegration_thenBothAreSealedByItsOneDataKey() {
        EnvelopeSecretSealer sealer = sealer(ring(key("k1", K1, true)));

        SealedSecret first = sealer.seal(owner, secret(LONG_SECRET));
        SealedSecret second = sealer.seal(owner, secret("another-secret-0123456789"));

        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(mongo.getCollection(MongoWrappedDataKeys.COLLECTION).countDocuments())
                .isEqualTo(1);
    }

    @Test
    void givenAStoredDataKey_thenItIsWrappedAndNotThePlaintextKey() throws Exception {
        MasterKeyRing ring = ring(key("k1", K1, true));
        sealer(ring).seal(owner, secret(LONG_SECRET));

        byte[] wrapped = storedDataKey(owner).get("wrappedKey", Binary.class).getData();

        KeysetHandle unwrapped = ring.unwrap(wrapped, "k1", DataKeys.associatedData(owner.value()))
                .orElseThrow();
        byte[] rawKey =
                ((AesGcmKey) unwrapped.getPrimary().getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        assertThat(rawKey).hasSize(32);
        assertThat(indexOf(wrapped, rawKey))
                .as("the raw 256-bit key is not in the stored bytes")
                .isEqualTo(-1);
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseKeyset(wrapped, InsecureSecretKeyAccess.get()))
                .as("the stored bytes are not a plaintext keyset")
                .isInstanceOf(Exception.class);
    }

    @Test
    void givenACiphertextOfIntegrationA_thenItDoesNotOpenForIntegrationB() {
        EnvelopeSecretSealer sealer = sealer(ring(key("k1", K1, true)));
        IntegrationId other = IntegrationId.of(UUID.randomUUID());
        SealedSecret sealedForA = sealer.seal(owner, secret(LONG_SECRET));

        assertThatThrownBy(() -> sealer.open(other, sealedForA))
                .as("B has no data key yet")
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageNotContaining(LONG_SECRET);
        sealer.seal(other, secret("a-secret-of-integration-b"));
        assertThatThrownBy(() -> sealer.open(other, sealedForA))
                .as("B's own data key does not open it")
                .isInstanceOf(SecretUnreadable.class);
        assertThat(sealer.holdsSameSecret(other, sealedForA, secret(LONG_SECRET)))
                .isFalse();
    }

    @Test
    void givenAWrappedDataKeyCopiedOntoAnotherIntegration_thenItDoesNotUnwrapThere() {
        EnvelopeSecretSealer sealer = sealer(ring(key("k1", K1, true)));
        IntegrationId other = IntegrationId.of(UUID.randomUUID());
        SealedSecret sealedForA = sealer.seal(owner, secret(LONG_SECRET));
        Document copy = storedDataKey(owner);
        copy.put("_id", other.value());
        mongo.insert(copy, MongoWrappedDataKeys.COLLECTION);

        assertThatThrownBy(() -> sealer(ring(key("k1", K1, true))).open(other, sealedForA))
                .isInstanceOf(SecretUnreadable.class);
    }

    @Test
    void givenASealedToken_thenItOpensForItsConnectionOnly() {
        EnvelopeSecretSealer sealer = sealer(ring(key("k1", K1, true)));
        ConnectionKey alice = new ConnectionKey(owner, "alice");

        SealedSecret token = sealer.sealToken(alice, PlainSecret.of("token", "access-token-0123456789"));

        assertThat(token.keyId()).startsWith("dk1:");
        assertThat(token.last4()).isNull();
        assertThat(sealer.openToken(alice, token).reveal()).isEqualTo("access-token-0123456789");
        assertThatThrownBy(() -> sealer.openToken(new ConnectionKey(owner, "bob"), token))
                .isInstanceOf(SecretUnreadable.class);
        assertThatThrownBy(() -> sealer.open(owner, token))
                .as("a token is not a secret of the integration")
                .isInstanceOf(SecretUnreadable.class);
    }

    @Test
    void givenARotation_whenTheDataKeysAreRewrapped_thenEverySecretStillOpensWithTheNewMasterKeyAlone(
            CapturedOutput output) {
        IntegrationId other = IntegrationId.of(UUID.randomUUID());
        EnvelopeSecretSealer underK1 = sealer(ring(key("k1", K1, true)));
        SealedSecret secretOfA = underK1.seal(owner, secret(LONG_SECRET));
        SealedSecret secretOfB = underK1.seal(other, secret("secret-of-integration-b-0123"));
        SealedSecret tokenOfA = underK1.sealToken(
                new ConnectionKey(owner, "alice"), PlainSecret.of("token", "refresh-token-0123456789"));
        List<SealedSecret> events = List.of(secretOfA, secretOfB, tokenOfA);
        List<SealedSecret> eventsBefore = List.copyOf(events);

        // Restart with k1 and k2, k2 primary: old secrets still open, before any re-wrap.
        MasterKeyRing rotated = ring(key("k1", K1, false), key("k2", K2, true));
        DataKeys rotatedKeys = dataKeys(rotated);
        EnvelopeSecretSealer underBoth = new EnvelopeSecretSealer(rotatedKeys, rotated);
        assertThat(underBoth.open(owner, secretOfA).reveal()).isEqualTo(LONG_SECRET);
        assertThat(storedDataKey(owner).getString("masterKeyId")).isEqualTo("k1");

        RewrapReport report = rotatedKeys.rewrapAll();

        assertThat(report).isEqualTo(new RewrapReport(2, 2, 0, 0, "k2"));
        assertThat(storedDataKey(owner).getString("masterKeyId")).isEqualTo("k2");
        assertThat(storedDataKey(other).getString("masterKeyId")).isEqualTo("k2");
        assertThat(storedDataKey(owner).getDate("rewrappedAt")).isNotNull();
        assertThat(rotatedKeys.rewrapAll())
                .as("a second run changes nothing")
                .isEqualTo(new RewrapReport(2, 0, 2, 0, "k2"));

        // Restart with k2 only.
        EnvelopeSecretSealer underK2 = sealer(ring(key("k2", K2, true)));
        assertThat(underK2.open(owner, secretOfA).reveal()).isEqualTo(LONG_SECRET);
        assertThat(underK2.open(other, secretOfB).reveal()).isEqualTo("secret-of-integration-b-0123");
        assertThat(underK2.openToken(new ConnectionKey(owner, "alice"), tokenOfA)
                        .reveal())
                .isEqualTo("refresh-token-0123456789");
        assertThat(events).as("the sealed secrets kept in events are the same").isEqualTo(eventsBefore);
        assertThat(output.getAll())
                .contains("2 re-wrapped")
                .doesNotContain(LONG_SECRET)
                .doesNotContain(K1)
                .doesNotContain(K2);
        assertThatThrownBy(() -> sealer(ring(key("k1", K1, true))).open(owner, secretOfA))
                .as("the removed master key no longer unwraps the data key")
                .isInstanceOf(SecretUnreadable.class);
    }

    @Test
    void
            givenADataKeyWrappedByAMasterKeyThatIsNoLongerConfigured_thenARewrapCountsItAsFailedAndKeepsItAndNothingSealsWithIt() {
        sealer(ring(key("k0", MasterKeys.newKeysetJson(), true))).seal(owner, secret(LONG_SECRET));
        Document before = storedDataKey(owner);

        RewrapReport report = dataKeys(ring(key("k2", K2, true))).rewrapAll();

        assertThat(report).isEqualTo(new RewrapReport(1, 0, 0, 1, "k2"));
        assertThat(storedDataKey(owner)).isEqualTo(before);
        assertThatThrownBy(() -> sealer(ring(key("k2", K2, true))).seal(owner, secret(LONG_SECRET)))
                .as("no second data key is made beside the one that does not unwrap")
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining("k2")
                .hasMessageNotContaining(LONG_SECRET);
    }

    @Test
    void givenSecretsSealedStraightByTheMasterKeyset_thenTheyStillOpen() {
        KeysetHandle masterKeyset = MasterKeys.fromConfiguredKeyset(K1);
        SealedSecret legacy = new TinkSecretSealer(masterKeyset).seal(owner, secret(LONG_SECRET));
        SealedSecret legacyToken = new TinkSecretSealer(masterKeyset)
                .sealToken(new ConnectionKey(owner, "alice"), PlainSecret.of("token", "legacy-token-0123456789"));

        EnvelopeSecretSealer sameKeyset = sealer(MasterKeyRing.single(masterKeyset));
        EnvelopeSecretSealer afterRotation = sealer(ring(key("default", K1, false), key("k2", K2, true)));

        assertThat(legacy.keyId()).doesNotStartWith("dk1:");
        assertThat(sameKeyset.open(owner, legacy).reveal()).isEqualTo(LONG_SECRET);
        assertThat(afterRotation.open(owner, legacy).reveal()).isEqualTo(LONG_SECRET);
        assertThat(afterRotation.holdsSameSecret(owner, legacy, secret(LONG_SECRET)))
                .isTrue();
        assertThat(afterRotation
                        .openToken(new ConnectionKey(owner, "alice"), legacyToken)
                        .reveal())
                .isEqualTo("legacy-token-0123456789");
        assertThat(afterRotation.holdsSameSecret(IntegrationId.of(UUID.randomUUID()), legacy, secret(LONG_SECRET)))
                .isFalse();
        assertThat(mongo.getCollection(MongoWrappedDataKeys.COLLECTION).countDocuments())
                .as("opening an old secret makes no data key")
                .isZero();
    }

    @Test
    void givenSixteenInstancesSealingForANewIntegrationAtOnce_thenItEndsWithOneDataKeyThatOpensEverySecret()
            throws Exception {
        int racers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SealedSecret>> seals = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String value = "secret-of-racer-" + i + "-0123456789";
                // Each racer has its own sealer and cache, as separate instances of the service would.
                EnvelopeSecretSealer instance = sealer(ring(key("k1", K1, true)));
                seals.add(pool.submit(() -> {
                    go.await();
                    return instance.seal(owner, secret(value));
                }));
            }
            go.countDown();

            EnvelopeSecretSealer later = sealer(ring(key("k1", K1, true)));
            for (int i = 0; i < racers; i++) {
                SealedSecret sealed = seals.get(i).get(30, TimeUnit.SECONDS);
                assertThat(later.open(owner, sealed).reveal()).isEqualTo("secret-of-racer-" + i + "-0123456789");
            }
            assertThat(mongo.getCollection(MongoWrappedDataKeys.COLLECTION).countDocuments())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenARewrapWhileSecretsAreSealedAndOpened_thenEverySecretOpensAfterwards() throws Exception {
        EnvelopeSecretSealer underK1 = sealer(ring(key("k1", K1, true)));
        List<IntegrationId> integrations = new ArrayList<>();
        List<SealedSecret> sealed = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 20; i++) {
            IntegrationId id = IntegrationId.of(UUID.randomUUID());
            integrations.add(id);
            sealed.add(underK1.seal(id, secret("secret-number-" + i + "-0123456789")));
        }
        MasterKeyRing rotated = ring(key("k1", K1, false), key("k2", K2, true));
        DataKeys rotatedKeys = dataKeys(rotated);
        EnvelopeSecretSealer serving = new EnvelopeSecretSealer(rotatedKeys, rotated);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> traffic = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    IntegrationId id = integrations.get(i);
                    assertThat(serving.open(id, sealed.get(i)).reveal())
                            .isEqualTo("secret-number-" + i + "-0123456789");
                    serving.seal(id, secret("another-secret-" + i + "-0123456789"));
                }
            });
            Future<RewrapReport> rewrap = pool.submit(() -> dataKeys(rotated).rewrapAll());

            traffic.get(30, TimeUnit.SECONDS);
            assertThat(rewrap.get(30, TimeUnit.SECONDS).failed()).isZero();
        } finally {
            pool.shutdownNow();
        }

        EnvelopeSecretSealer underK2 = sealer(ring(key("k2", K2, true)));
        for (int i = 0; i < 20; i++) {
            assertThat(underK2.open(integrations.get(i), sealed.get(i)).reveal())
                    .isEqualTo("secret-number-" + i + "-0123456789");
        }
    }

    @Test
    void givenAnOpenedDataKey_whenSecretsAreOpenedAgain_thenItIsNotReadAndUnwrappedEachTime() {
        AtomicInteger reads = new AtomicInteger();
        WrappedDataKeys counting = new CountingStore(store, reads);
        MasterKeyRing ring = ring(key("k1", K1, true));
        SealedSecret sealed = sealer(ring).seal(owner, secret(LONG_SECRET));
        EnvelopeSecretSealer restarted =
                new EnvelopeSecretSealer(new DataKeys(ring, counting, Clock.systemUTC(), 10), ring);

        for (int call = 0; call < 20; call++) {
            assertThat(restarted.open(owner, sealed).reveal()).isEqualTo(LONG_SECRET);
        }

        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void givenAFullCache_thenTheLeastRecentlyUsedDataKeyIsReadAgainWhenNeeded() {
        AtomicInteger reads = new AtomicInteger();
        MasterKeyRing ring = ring(key("k1", K1, true));
        EnvelopeSecretSealer sealer = new EnvelopeSecretSealer(
                new DataKeys(ring, new CountingStore(store, reads), Clock.systemUTC(), 2), ring);
        IntegrationId second = IntegrationId.of(UUID.randomUUID());
        IntegrationId third = IntegrationId.of(UUID.randomUUID());
        SealedSecret first = sealer.seal(owner, secret(LONG_SECRET));
        sealer.seal(second, secret(LONG_SECRET));
        sealer.seal(third, secret(LONG_SECRET));
        int readsAfterSealing = reads.get();

        assertThat(sealer.open(owner, first).reveal()).isEqualTo(LONG_SECRET);

        assertThat(reads.get()).isEqualTo(readsAfterSealing + 1);
    }

    private EnvelopeSecretSealer sealer(MasterKeyRing ring) {
        return new EnvelopeSecretSealer(dataKeys(ring), ring);
    }

    private DataKeys dataKeys(MasterKeyRing ring) {
        return new DataKeys(ring, store, Clock.systemUTC(), 100);
    }

    private static MasterKeyRing ring(MasterKeyRing.Configured... keys) {
        return MasterKeyRing.of(List.of(keys));
    }

    private static MasterKeyRing.Configured key(String id, String keyset, boolean primary) {
        return new MasterKeyRing.Configured(id, keyset, primary);
    }

    private Document storedDataKey(IntegrationId integration) {
        return mongo.findById(integration.value(), Document.class, MongoWrappedDataKeys.COLLECTION);
    }

    private static PlainSecret secret(String value) {
        return PlainSecret.of("clientSecret", value);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = haystack[i + j] == needle[j];
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }

    /** The real store, counting its reads. */
    private record CountingStore(WrappedDataKeys store, AtomicInteger reads) implements WrappedDataKeys {

        @Override
        public Optional<WrappedDataKey> find(String integrationId) {
            reads.incrementAndGet();
            return store.find(integrationId);
        }

        @Override
        public boolean insertIfAbsent(WrappedDataKey dataKey) {
            return store.insertIfAbsent(dataKey);
        }

        @Override
        public boolean rewrap(WrappedDataKey current, byte[] wrappedKey, String masterKeyId, Instant at) {
            return store.rewrap(current, wrappedKey, masterKeyId, at);
        }

        @Override
        public void forEach(Consumer<WrappedDataKey> action) {
            store.forEach(action);
        }
    }
}
