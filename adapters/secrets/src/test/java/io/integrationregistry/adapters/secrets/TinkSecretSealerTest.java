package io.integrationregistry.adapters.secrets;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.SealedSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class TinkSecretSealerTest {

    private static final String LONG_SECRET = "s3cr3t-client-secret-WXYZ";

    private final IntegrationId owner = IntegrationId.of(UUID.randomUUID());
    private final KeysetHandle keyset = MasterKeys.fromConfiguredKeyset(MasterKeys.newKeysetJson());
    private final TinkSecretSealer sealer = new TinkSecretSealer(keyset);

    @Test
    void givenASealedSecret_whenTheSameSecretIsOffered_thenItIsRecognised() {
        SealedSecret sealed = sealer.seal(owner, secret(LONG_SECRET));

        assertThat(sealer.holdsSameSecret(owner, sealed, secret(LONG_SECRET))).isTrue();
    }

    @Test
    void givenASealedSecret_whenAnotherSecretIsOffered_thenItIsNotRecognised() {
        SealedSecret sealed = sealer.seal(owner, secret(LONG_SECRET));

        assertThat(sealer.holdsSameSecret(owner, sealed, secret(LONG_SECRET + "!")))
                .isFalse();
        assertThat(sealer.holdsSameSecret(owner, sealed, secret("s3cr3t"))).isFalse();
    }

    @Test
    void whenSealing_thenTheCiphertextShowsNeitherThePlaintextNorItsBase64(CapturedOutput output) {
        SealedSecret sealed = sealer.seal(owner, secret(LONG_SECRET));

        String plaintextBase64 = Base64.getEncoder().encodeToString(LONG_SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(sealed.ciphertext()).doesNotContain(LONG_SECRET).doesNotContain(plaintextBase64);
        assertThat(Base64.getDecoder().decode(sealed.ciphertext()))
                .asString(StandardCharsets.UTF_8)
                .doesNotContain(LONG_SECRET);
        assertThat(output.getAll()).doesNotContain(LONG_SECRET).doesNotContain(plaintextBase64);
    }

    @Test
    void whenTheSameSecretIsSealedTwice_thenTheCiphertextsDiffer() {
        SealedSecret first = sealer.seal(owner, secret(LONG_SECRET));
        SealedSecret second = sealer.seal(owner, secret(LONG_SECRET));

        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void givenACiphertextCopiedToAnotherIntegration_whenItsSecretIsOffered_thenItIsNotRecognised() {
        SealedSecret sealed = sealer.seal(owner, secret(LONG_SECRET));
        IntegrationId otherIntegration = IntegrationId.of(UUID.randomUUID());

        assertThat(sealer.holdsSameSecret(otherIntegration, sealed, secret(LONG_SECRET)))
                .isFalse();
    }

    @Test
    void givenACiphertextThatIsNotBase64OrNotTink_whenASecretIsOffered_thenItIsNotRecognised() {
        SealedSecret notBase64 = new SealedSecret("1", "%%% not base64 %%%", null);
        SealedSecret notTink = new SealedSecret("1", Base64.getEncoder().encodeToString(new byte[40]), null);

        assertThat(sealer.holdsSameSecret(owner, notBase64, secret(LONG_SECRET)))
                .isFalse();
        assertThat(sealer.holdsSameSecret(owner, notTink, secret(LONG_SECRET))).isFalse();
    }

    @Test
    void givenASecretShorterThan16_whenSealed_thenNoLast4IsKept() {
        assertThat(sealer.seal(owner, secret("fifteen-chars-x")).last4()).isNull();
    }

    @Test
    void givenASecretOf16OrMore_whenSealed_thenItsLast4IsKept() {
        assertThat(sealer.seal(owner, secret("sixteen-chars-AB")).last4()).isEqualTo("s-AB");
        assertThat(sealer.seal(owner, secret(LONG_SECRET)).last4()).isEqualTo("WXYZ");
    }

    @Test
    void whenSealing_thenTheKeyIdIsThatOfThePrimaryKey() {
        SealedSecret sealed = sealer.seal(owner, secret(LONG_SECRET));

        assertThat(sealed.keyId())
                .isEqualTo(Integer.toUnsignedString(keyset.getPrimary().getId()));
    }

    @Test
    void givenARotatedKeyset_thenOldCiphertextsStillOpenAndNewSealsUseTheNewPrimary() throws Exception {
        SealedSecret sealedBeforeRotation = sealer.seal(owner, secret(LONG_SECRET));
        KeysetHandle rotated = KeysetHandle.newBuilder(keyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withRandomId()
                        .makePrimary())
                .build();
        TinkSecretSealer rotatedSealer = new TinkSecretSealer(rotated);

        SealedSecret sealedAfterRotation = rotatedSealer.seal(owner, secret(LONG_SECRET));

        assertThat(rotated.size()).isEqualTo(2);
        assertThat(rotatedSealer.holdsSameSecret(owner, sealedBeforeRotation, secret(LONG_SECRET)))
                .isTrue();
        assertThat(sealedAfterRotation.keyId())
                .isEqualTo(Integer.toUnsignedString(rotated.getPrimary().getId()))
                .isNotEqualTo(sealedBeforeRotation.keyId());
        assertThat(rotatedSealer.holdsSameSecret(owner, sealedAfterRotation, secret(LONG_SECRET)))
                .isTrue();
        assertThat(sealer.holdsSameSecret(owner, sealedAfterRotation, secret(LONG_SECRET)))
                .as("the old keyset does not know the new key")
                .isFalse();
    }

    @Test
    void givenAKeysetThatIsNotAead_whenASealerIsBuilt_thenItIsRefused() throws Exception {
        MacConfig.register();
        KeysetHandle macKeyset = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG);

        assertThatThrownBy(() -> new TinkSecretSealer(macKeyset))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AEAD");
    }

    private static PlainSecret secret(String value) {
        return PlainSecret.of("clientSecret", value);
    }
}
