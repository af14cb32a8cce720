package dev.hft.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.EventType;

/** The ring events the runtime finds through ServiceLoader, under the names topology files use. */
class RegistrationTest {

    @Test
    void eventTypesAreRegisteredUnderTheirTopologyNames() {
        Map<String, Class<?>> types = ServiceLoader.load(EventType.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.eventClass().getPackageName().equals("dev.hft.events"))
                .collect(Collectors.toMap(EventType::name, EventType::eventClass));
        assertEquals(Map.of("itch", ItchEvent.class, "book", BookEvent.class, "order", OrderCommand.class,
                "order-response", OrderResponse.class), types);
        assertEquals(OrderCommand.class, OrderCommand.TYPE.factory(8).newInstance().getClass());
        assertEquals(ItchEvent.SLOT, ItchEvent.TYPE.factory(8).newInstance().bytes.byteSize());
    }
}
