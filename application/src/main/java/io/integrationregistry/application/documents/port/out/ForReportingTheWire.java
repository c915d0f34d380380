package io.integrationregistry.application.documents.port.out;

/**
 * What the wire showed of one provider call, told by whoever made it: the provider's status and the
 * bytes of the answer's body it read. A call that sent none of it tells nothing.
 */
public interface ForReportingTheWire {

    void answered(int status);

    void read(long bytes);

    /** Nobody listens. */
    ForReportingTheWire NONE = new ForReportingTheWire() {
        @Override
        public void answered(int status) {}

        @Override
        public void read(long bytes) {}
    };
}
