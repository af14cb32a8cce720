package dev.hft.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import dev.hft.pipeline.StageFactory;

/** The stage kind the runtime finds through ServiceLoader from this module. */
class RegistrationTest {

    @Test
    void theEgressStageFactoryIsRegistered() {
        StageFactory factory = ServiceLoader.load(StageFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.kind().equals("egress")).findFirst().orElseThrow();
        assertEquals("order", factory.inputEvent());
        assertEquals(EgressStageFactory.class, factory.getClass());
    }
}
