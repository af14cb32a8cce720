package dev.hft.dpdk;

import java.util.HashMap;
import java.util.Map;


/**
 * The DPDK ports of the process by topology name, shared by the stages using their queues (RX pollers, an order
 * transport): the first stage built opens the port (before any stage starts), the last one to stop closes it
 * (after every queue's last use). A second acquire with other settings is refused.
 */
public final class SharedPorts {

    private record Entry(Port port, int[] users) {
    }

    private static final Map<String, Entry> PORTS = new HashMap<>();

    private SharedPorts() {
    }

    /** The port named {@code config.name()}, opened now if nobody holds it; true in {@code opened[0]} if it was. */
    public static synchronized Port acquire(PortConfig config, boolean[] opened) {
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
    public static synchronized void release(Port port) {
        Entry entry = PORTS.get(port.name());
        if (entry != null && entry.port() == port && --entry.users()[0] == 0) {
            PORTS.remove(port.name());
            port.close();
        }
    }

    /** Stages holding the port named {@code name}; 0 once it is closed. */
    public static synchronized int users(String name) {
        Entry entry = PORTS.get(name);
        return entry == null ? 0 : entry.users()[0];
    }
}
