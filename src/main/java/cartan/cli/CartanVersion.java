package cartan.cli;

import picocli.CommandLine;

/**
 * What {@code --version} prints, for {@code cartan} and each subcommand: Cartan's version from the jar's
 * manifest ({@code Implementation-Version}, the pom's version) and the Java runtime that runs it.
 */
final class CartanVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = CartanVersion.class.getPackage().getImplementationVersion();
        return new String[] {"cartan " + (v == null ? "(classes not from the built jar)" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
