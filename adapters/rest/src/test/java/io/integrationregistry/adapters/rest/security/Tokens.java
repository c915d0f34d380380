package io.integrationregistry.adapters.rest.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** RSA keys generated for the tests, and JWTs signed with them. */
final class Tokens {

    /** The key the test {@link JwtDecoder} trusts. */
    static final KeyPair TRUSTED = generate();
    /** A key nobody trusts. */
    static final KeyPair STRANGER = generate();
    /** The issuer and the audience the tests configure; every token carries them unless its claims say else. */
    static final String ISSUER = "https://login.acme.example/realms/acme";

    static final String AUDIENCE = "integration-registry";
    /** The settings that make the service accept the tokens of this class. */
    static final String ISSUER_PROPERTY = "registry.security.jwt.issuer=" + ISSUER;

    static final String AUDIENCES_PROPERTY = "registry.security.jwt.audiences=other-service," + AUDIENCE;

    private Tokens() {}

    static JwtDecoder decoder() {
        return NimbusJwtDecoder.withPublicKey((RSAPublicKey) TRUSTED.getPublic())
                .build();
    }

    /** A token valid for five minutes, signed with the trusted key, with a subject and the given claims. */
    static String signed(Map<String, Object> claims) {
        return sign(TRUSTED, claims, Instant.now().plus(Duration.ofMinutes(5)));
    }

    /** A token signed with the trusted key that never expires: it carries no {@code exp}. */
    static String signedWithoutExpiry(Map<String, Object> claims) {
        return sign(TRUSTED, claims, null);
    }

    static String sign(KeyPair key, Map<String, Object> claims, Instant expiresAt) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject("subject-1234")
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from((expiresAt == null ? Instant.now() : expiresAt).minus(Duration.ofMinutes(10))))
                .expirationTime(expiresAt == null ? null : Date.from(expiresAt));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), builder.build());
        try {
            jwt.sign(new RSASSASigner(key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
