package wb.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import wb.common.UserException;

/** The registry of named architectures; the one place that knows which models exist. */
public final class ModelZoo {

    private static final ModelZoo STANDARD = new ModelZoo(List.of(
            CustomNets.shallowNet(), CustomNets.leNet(), CustomNets.fmnistCnn(), CustomNets.miniVggNet(),
            ZooNets.alexNet(), ZooNets.vgg16(), ZooNets.resNet50(), ZooNets.squeezeNet(), ZooNets.darknet19()));

    private final Map<String, ModelSpec> specs;

    public ModelZoo(List<ModelSpec> specs) {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        for (ModelSpec s : specs) {
            if (m.put(s.id(), s) != null) throw new IllegalArgumentException("duplicate model id " + s.id());
        }
        this.specs = java.util.Collections.unmodifiableMap(m);
    }

    /** The built-in zoo. */
    public static ModelZoo standard() { return STANDARD; }

    public List<ModelSpec> all() { return List.copyOf(specs.values()); }

    /** The spec with this id, or a {@link UserException} that lists the valid ids. */
    public ModelSpec get(String id) {
        ModelSpec s = specs.get(id == null ? "" : id.toLowerCase(java.util.Locale.ROOT));
        if (s == null) {
            throw new UserException("unknown model '" + id + "'; choose one of: "
                    + specs.keySet().stream().collect(Collectors.joining(", ")));
        }
        return s;
    }
}
