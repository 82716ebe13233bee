package jp.lgwan.routerconfig.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups others ({@code notifications}, {@code outages}, {@code jobs}): called alone, it says which there are. */
abstract class CommandGroup implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public final void run() {
        throw new ParameterException(spec.commandLine(), "name what to do: " + String.join(", ", spec.subcommands().keySet()));
    }
}
