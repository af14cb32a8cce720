package dev.hft.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.EventType;
import dev.hft.pipeline.StageFactory;

/** What the runtime finds through ServiceLoader from this module. */
class RegistrationTest {

    @Test
    void eventTypesAreRegisteredUnderTheirTopologyNames() {
        Map<String, Class<?>> types = ServiceLoader.load(EventType.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.eventClass().getPackageName().equals("dev.hft.egress"))
                .collect(Collectors.toMap(EventType::name, EventType::eventClass));
        assertEquals(Map.of("order", OrderCommand.class, "order-response", OrderResponse.class), types);
        assertEquals(OrderCommand.class, OrderCommand.TYPE.factory(8).newInstance().getClass());
    }

    @Test
    void theEgressStageFactoryIsRegistered() {
        StageFactory factory = ServiceLoader.load(StageFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.kind().equals("egress")).findFirst().orElseThrow();
        assertEquals("order", factory.inputEvent());
        assertEquals(EgressStageFactory.class, factory.getClass());
    }
}
