package cartan.io;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Scales the number of tries of the fuzz properties: {@code -Dcartan.fuzz.tries=10000} replaces the
 * quick default each property declares (a few hundred cases per reader, part of {@code mvn verify}).
 */
public final class FuzzTries implements AroundPropertyHook {

    /** The system property that overrides the tries of every property in a class using this hook. */
    public static final String PROPERTY = "cartan.fuzz.tries";

    /** Registered on a class, the hook must reach the properties inside it. */
    @Override
    public net.jqwik.api.lifecycle.PropagationMode propagateTo() {
        return net.jqwik.api.lifecycle.PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String t = System.getProperty(PROPERTY);
        if (t != null && !t.isBlank()) {
            context.attributes().setTries(Integer.parseInt(t.trim()));
        }
        return property.execute();
    }
}
