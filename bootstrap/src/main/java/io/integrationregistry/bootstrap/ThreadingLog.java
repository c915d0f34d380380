package io.integrationregistry.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.thread.Threading;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Says at start whether requests, and the provider calls made on their threads, run on virtual threads: they do
 * on Java 21 and later with {@code spring.threads.virtual.enabled} (on by default), on platform threads on 17.
 */
@Configuration(proxyBeanMethods = false)
class ThreadingLog implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ThreadingLog.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        log.info(
                "Requests and their provider calls run on {} threads (Java {})",
                Threading.VIRTUAL.isActive(environment) ? "virtual" : "platform",
                Runtime.version().feature());
    }
}
