package dev.hft.cli;

import java.util.ArrayList;
import java.util.List;

import dev.hft.pipeline.topology.Problems;
import dev.hft.pipeline.topology.Topology;
import dev.hft.pipeline.topology.TopologySection;

/**
 * The {@code venues:} section ({@link VenueSection} reads each entry): checked when the file is loaded, so
 * {@code hft validate} reports exactly what {@code hft run} would refuse. Read back with {@link #of(Topology)}.
 */
public final class VenuesSection implements TopologySection {

    @Override
    public String key() {
        return "venues";
    }

    @Override
    public Object read(Object value, Problems problems) {
        List<String> found = new ArrayList<>();
        List<VenueSection> venues = VenueSection.parse(value, found);
        for (String problem : found) {
            int colon = problem.indexOf(": ");
            problems.error(colon < 0 ? "venues" : problem.substring(0, colon), colon < 0 ? problem : problem.substring(colon + 2));
        }
        return found.isEmpty() ? List.copyOf(venues) : null;
    }

    /** An egress stage's {@code params.venue} must name a venue of the section. */
    @Override
    public void validate(Object section, Topology t, Problems problems) {
        List<String> names = of(t).stream().map(VenueSection::name).toList();
        for (Topology.StageSpec s : t.stages()) {
            Object venue = s.params().get("venue");
            if ("egress".equals(s.kind()) && venue != null && !names.contains(String.valueOf(venue))) {
                problems.error(s.path() + ".params.venue", "no venue named '" + venue + "' under venues (declared: "
                        + String.join(", ", names) + ")");
            }
        }
    }

    /** The venues the topology declares, none when it has no section. */
    @SuppressWarnings("unchecked")
    static List<VenueSection> of(Topology t) {
        Object section = t.section("venues");
        return section == null ? List.of() : (List<VenueSection>) section;
    }
}
