package io.integrationregistry.bootstrap.reliability;

import io.integrationregistry.bootstrap.RegistryApplication;
import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * Starts the service in a JVM of its own whose event clock is off by the given number of milliseconds (first
 * argument; positive: ahead, negative: behind), as on a machine whose clock drifted. Axon stamps every event it
 * creates with {@link GenericEventMessage#clock}, a static field: two instances in one JVM would share it. The
 * remaining arguments are the service's own.
 */
public final class SkewedRegistryMain {

    private SkewedRegistryMain() {}

    public static void main(String[] args) {
        Duration skew = Duration.ofMillis(Long.parseLong(args[0]));
        GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), skew);
        RegistryApplication.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
