package io.integrationregistry.adapters.providerhttp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into the addresses it stands for; the system's resolver in production. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
