package io.integrationregistry.bootstrap.reliability;

import java.time.Duration;

/**
 * How much load the reliability scenarios send. By default they are sized for {@code ./mvnw -B verify}
 * on a small machine (about three minutes for the whole package); {@code -Dreliability.soak=true}
 * scales every count and duration up:
 *
 * <table>
 *   <caption>default and soak sizes</caption>
 *   <tr><th>figure</th><th>default</th><th>soak</th></tr>
 *   <tr><td>clients sending the same If-Match at once</td><td>50</td><td>200</td></tr>
 *   <tr><td>clients of the random-command load</td><td>16</td><td>32</td></tr>
 *   <tr><td>commands per client of that load</td><td>12</td><td>500</td></tr>
 *   <tr><td>shared integrations</td><td>20</td><td>20</td></tr>
 *   <tr><td>concurrent creations with one Idempotency-Key</td><td>100</td><td>300</td></tr>
 *   <tr><td>Idempotency-Keys raced one after the other</td><td>1</td><td>5</td></tr>
 *   <tr><td>clients during a database outage</td><td>6</td><td>16</td></tr>
 *   <tr><td>database outages, and how long each lasts</td><td>1 of 8 s</td><td>3 of 20 s</td></tr>
 *   <tr><td>load before and after each outage</td><td>3 s</td><td>15 s</td></tr>
 *   <tr><td>clients of the crashed process</td><td>6</td><td>16</td></tr>
 *   <tr><td>crashes, and acknowledged commands before each</td><td>1 after 50</td><td>3 after 1000</td></tr>
 * </table>
 *
 * For example: <code>./mvnw -B -pl bootstrap -am verify -Dreliability.soak=true
 * -Dtest='**&#47;reliability/*Test' -Dsurefire.failIfNoSpecifiedTests=false</code> (the entity keeps the
 * pattern's slash from closing this comment).
 */
final class LoadSizes {

    static final boolean SOAK = Boolean.getBoolean("reliability.soak");

    static final int RACING_CLIENTS = SOAK ? 200 : 50;
    static final int CLIENTS = SOAK ? 32 : 16;
    static final int COMMANDS_PER_CLIENT = SOAK ? 500 : 12;
    static final int SHARED_INTEGRATIONS = 20;
    static final int IDEMPOTENT_RETRIES = SOAK ? 300 : 100;
    static final int IDEMPOTENCY_KEYS = SOAK ? 5 : 1;
    static final int OUTAGE_CLIENTS = SOAK ? 16 : 6;
    static final int OUTAGES = SOAK ? 3 : 1;
    static final Duration OUTAGE = Duration.ofSeconds(SOAK ? 20 : 8);
    static final Duration AROUND_OUTAGE = Duration.ofSeconds(SOAK ? 15 : 3);
    static final int CRASH_CLIENTS = SOAK ? 16 : 6;
    static final int CRASHES = SOAK ? 3 : 1;
    static final int ACKNOWLEDGED_BEFORE_CRASH = SOAK ? 1000 : 50;

    private LoadSizes() {}
}
