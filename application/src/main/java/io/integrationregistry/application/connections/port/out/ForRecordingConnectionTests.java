package io.integrationregistry.application.connections.port.out;

/** Where connection tests are recorded, for the audit trail. Recording never fails a test. */
public interface ForRecordingConnectionTests {

    void record(ConnectionTestRecord test);
}
