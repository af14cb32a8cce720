package dev.hft.ingress.dpdk;

import java.util.HashMap;
import java.util.Map;

import dev.hft.dpdk.Port;
import dev.hft.dpdk.PortConfig;

/**
 * The DPDK ports of the process, shared by the stages polling their queues: the first stage built opens the port
 * (before any stage starts), the last one to stop closes it (after every queue's last poll).
 */
final class SharedPorts {

    private record Entry(Port port, int[] users) {
    }

    private static final Map<String, Entry> PORTS = new HashMap<>();

    private SharedPorts() {
    }

    /** The port named {@code config.name()}, opened now if nobody holds it; true in {@code opened[0]} if it was. */
    static synchronized Port acquire(PortConfig config, boolean[] opened) {
        Entry entry = PORTS.get(config.name());
        if (entry == null) {
            entry = new Entry(Port.open(config), new int[1]);
            PORTS.put(config.name(), entry);
            opened[0] = true;
        } else if (!entry.port().config().equals(config)) {
            throw new IllegalStateException("port " + config.name() + " is already open with other settings: " + entry.port());
        }
        entry.users()[0]++;
        return entry.port();
    }

    /** Gives the port back; the last user closes it. */
    static synchronized void release(Port port) {
        Entry entry = PORTS.get(port.name());
        if (entry != null && entry.port() == port && --entry.users()[0] == 0) {
            PORTS.remove(port.name());
            port.close();
        }
    }

    /** Stages holding the port named {@code name}; 0 once it is closed. */
    static synchronized int users(String name) {
        Entry entry = PORTS.get(name);
        return entry == null ? 0 : entry.users()[0];
    }
}
