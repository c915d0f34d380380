package io.integrationregistry.adapters.secrets;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.SealedSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(OutputCaptureExtension.class)
class MasterKeysTest {

    private static final Pattern KEY_VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");

    private final IntegrationId owner = IntegrationId.of(UUID.randomUUID());
    private final PlainSecret secret = PlainSecret.of("apiKey", "api-key-0123456789-abcd");

    @TempDir
    Path folder;

    @Test
    void givenNoKeysetFile_whenLoadingOrGenerating_thenAnOwnerOnlyKeysetFileIsWritten() throws Exception {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"));

        MasterKeys.loadOrGenerate(folder);

        Path file = folder.resolve(MasterKeys.KEYSET_FILE);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void givenAGeneratedKeysetFile_whenLoadedAgain_thenItOpensWhatTheFirstSealed() {
        SealedSecret sealed = new TinkSecretSealer(MasterKeys.loadOrGenerate(folder)).seal(owner, secret);

        KeysetHandle reloaded = MasterKeys.loadOrGenerate(folder);

        assertThat(new TinkSecretSealer(reloaded).holdsSameSecret(owner, sealed, secret))
                .isTrue();
    }

    @Test
    void givenAMissingFolder_whenLoadingOrGenerating_thenTheFolderIsCreated() {
        Path nested = folder.resolve("data").resolve("keys");

        MasterKeys.loadOrGenerate(nested);

        assertThat(nested.resolve(MasterKeys.KEYSET_FILE)).exists();
    }

    @Test
    void whenGenerating_thenOneWarningNamesTheFileAndThePropertyButNoKeyMaterial(CapturedOutput output)
            throws Exception {
        MasterKeys.loadOrGenerate(folder);

        Path file = folder.resolve(MasterKeys.KEYSET_FILE);
        String json = Files.readString(file);
        assertThat(output.getAll())
                .contains("WARN", file.toString(), MasterKeys.KEYSET_PROPERTY)
                .doesNotContain(keyMaterialOf(json))
                .doesNotContain(json);
        assertThat(output.getAll().lines().filter(line -> line.contains("WARN")))
                .hasSize(1);
    }

    @Test
    void givenAnExistingKeysetFile_whenLoaded_thenNothingIsLogged(CapturedOutput output) {
        MasterKeys.loadOrGenerate(folder);
        int logLengthAfterGeneration = output.getAll().length();

        MasterKeys.loadOrGenerate(folder);

        assertThat(output.getAll().substring(logLengthAfterGeneration)).doesNotContain("WARN");
    }

    @Test
    void givenAMalformedConfiguredKeyset_thenTheErrorNamesTheProperty() {
        String malformed = "{\"primaryKeyId\": 42, \"key\": [ not json";

        assertThatThrownBy(() -> MasterKeys.fromConfiguredKeyset(malformed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(MasterKeys.KEYSET_PROPERTY)
                .hasMessageNotContaining(malformed)
                .hasMessageNotContaining("not json")
                .hasNoCause();
        assertThatThrownBy(() -> MasterKeys.fromConfiguredKeyset(""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(MasterKeys.KEYSET_PROPERTY);
    }

    @Test
    void givenAConfiguredKeysetThatIsNotAead_thenTheErrorNamesThePropertyButNoKeyMaterial() throws Exception {
        MacConfig.register();
        String macJson = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG), InsecureSecretKeyAccess.get());

        assertThatThrownBy(() -> MasterKeys.fromConfiguredKeyset(macJson))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(MasterKeys.KEYSET_PROPERTY)
                .hasMessageContaining("AEAD")
                .hasMessageNotContaining(keyMaterialOf(macJson));
    }

    @Test
    void givenACorruptKeysetFile_whenLoaded_thenTheErrorNamesTheFile() throws Exception {
        Path file = folder.resolve(MasterKeys.KEYSET_FILE);
        Files.writeString(file, "");

        assertThatThrownBy(() -> MasterKeys.loadOrGenerate(folder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(MasterKeys.KEYSET_PROPERTY);
    }

    @Test
    void givenStartsRacingOnAnEmptyFolder_thenAllEndUpWithTheOneKeysetThatWasWritten() throws Exception {
        int starts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(starts);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<KeysetHandle>> handles = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                handles.add(pool.submit(() -> {
                    go.await();
                    return MasterKeys.loadOrGenerate(folder);
                }));
            }
            go.countDown();

            KeysetHandle onDisk = MasterKeys.loadOrGenerate(folder);
            SealedSecret sealed = new TinkSecretSealer(onDisk).seal(owner, secret);
            for (Future<KeysetHandle> handle : handles) {
                assertThat(new TinkSecretSealer(handle.get(10, TimeUnit.SECONDS))
                                .holdsSameSecret(owner, sealed, secret))
                        .as("every start seals with the keyset that stayed on disk")
                        .isTrue();
            }
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files)
                        .as("no temporary file is left behind")
                        .containsExactly(folder.resolve(MasterKeys.KEYSET_FILE));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void newKeysetJson_isAnAes256GcmKeysetThatSeals() {
        String json = MasterKeys.newKeysetJson();

        assertThat(json).contains("AesGcmKey");
        SealedSecret sealed = new TinkSecretSealer(MasterKeys.fromConfiguredKeyset(json)).seal(owner, secret);
        assertThat(sealed.ciphertext()).isNotBlank();
    }

    private static String keyMaterialOf(String tinkJson) {
        Matcher value = KEY_VALUE.matcher(tinkJson);
        assertThat(value.find()).as("the keyset JSON holds key material").isTrue();
        return value.group(1);
    }
}
