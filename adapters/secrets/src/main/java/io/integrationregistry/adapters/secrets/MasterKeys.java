package io.integrationregistry.adapters.secrets;

import com.google.crypto.tink.KeysetHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;

/**
 * Obtains a master keyset: the single one configured in {@value #KEYSET_PROPERTY}, or, for the embedded
 * default only, one kept in a file that is generated on first start; and checks each keyset of
 * {@code registry.secrets.master-keys} (see {@link MasterKeyRing}).
 *
 * <p>No message written here ever carries key material: errors name the property or the file, and
 * Tink's own exceptions are not chained because their messages are not ours to vouch for.
 */
public final class MasterKeys {

    public static final String KEYSET_PROPERTY = "registry.secrets.keyset";
    public static final String KEYSET_FILE = "secrets-keyset.json";

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private MasterKeys() {}

    /** @throws IllegalStateException naming {@value #KEYSET_PROPERTY} when the keyset is malformed or not AEAD */
    public static KeysetHandle fromConfiguredKeyset(String tinkJsonKeyset) {
        if (tinkJsonKeyset == null || tinkJsonKeyset.isBlank()) {
            throw new IllegalStateException(KEYSET_PROPERTY + " is empty; it must hold a Tink JSON AEAD keyset");
        }
        return parsedAeadKeyset(tinkJsonKeyset, KEYSET_PROPERTY);
    }

    /**
     * Loads {@value #KEYSET_FILE} from {@code folder}, or generates it (owner-only where the file
     * system allows) when it does not exist yet.
     */
    public static KeysetHandle loadOrGenerate(Path folder) {
        Path file = folder.resolve(KEYSET_FILE);
        try {
            if (Files.exists(file)) {
                return load(file);
            }
            return generateInto(file);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read or create the secrets keyset file " + file, failure);
        }
    }

    /** A fresh AES-256-GCM keyset in Tink JSON form, for {@value #KEYSET_PROPERTY} in docs and tests. */
    public static String newKeysetJson() {
        return serialized(newKeyset());
    }

    private static KeysetHandle load(Path file) throws IOException {
        return parsedAeadKeyset(
                Files.readString(file, StandardCharsets.UTF_8),
                "the keyset file " + file + " (used when " + KEYSET_PROPERTY + " is not configured)");
    }

    private static KeysetHandle generateInto(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        KeysetHandle keyset = newKeyset();
        // Written completely aside first, so that no start ever reads a half-written keyset.
        Path pending = ownerOnlyTempFile(folder);
        try {
            Files.writeString(pending, serialized(keyset), StandardCharsets.UTF_8);
            if (!publish(pending, file)) {
                return load(file);
            }
        } finally {
            Files.deleteIfExists(pending);
        }
        LOG.warn(
                "Generated a new master key for secrets in {} for the embedded default; production must configure {}"
                        + " (or {})",
                file,
                MasterKeyRing.MASTER_KEYS_PROPERTY,
                KEYSET_PROPERTY);
        return keyset;
    }

    /**
     * Gives the written keyset its final name unless another start already did: a hard link is created
     * atomically and never replaces an existing file, whereas a plain move could overwrite a keyset that
     * a concurrent start has already used to seal secrets.
     *
     * @return false when another start published its keyset first
     */
    private static boolean publish(Path pending, Path file) throws IOException {
        try {
            Files.createLink(file, pending);
            return true;
        } catch (FileAlreadyExistsException anotherStartWasFaster) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinksHere) {
            return moveUnlessPresent(pending, file);
        }
    }

    private static boolean moveUnlessPresent(Path pending, Path file) throws IOException {
        try {
            Files.move(pending, file);
            return true;
        } catch (FileAlreadyExistsException anotherStartWasFaster) {
            return false;
        }
    }

    /** Created with owner-only permissions in the same system call, so the key is never readable by others. */
    private static Path ownerOnlyTempFile(Path folder) throws IOException {
        if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(folder, KEYSET_FILE, ".tmp");
        }
        return Files.createTempFile(folder, KEYSET_FILE, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    /**
     * @param source what to name in the error (a property or a file), never the keyset itself
     * @throws IllegalStateException naming {@code source} when the keyset is malformed or not AEAD
     */
    static KeysetHandle parsedAeadKeyset(String json, String source) {
        KeysetHandle keyset;
        try {
            keyset = TinkAead.parse(json);
        } catch (GeneralSecurityException | RuntimeException malformed) {
            throw new IllegalStateException(source + " is not a valid Tink JSON keyset ("
                    + malformed.getClass().getSimpleName() + ")");
        }
        try {
            TinkAead.of(keyset);
        } catch (GeneralSecurityException notAead) {
            throw new IllegalStateException(source + " is a Tink keyset but not an AEAD keyset; use AES256_GCM");
        }
        return keyset;
    }

    private static KeysetHandle newKeyset() {
        try {
            return TinkAead.newAes256GcmKeyset();
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException("cannot generate an AES256_GCM keyset ("
                    + failure.getClass().getSimpleName() + ")");
        }
    }

    private static String serialized(KeysetHandle keyset) {
        try {
            return TinkAead.serialize(keyset);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException(
                    "cannot serialise the keyset (" + failure.getClass().getSimpleName() + ")");
        }
    }
}
