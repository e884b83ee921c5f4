namespace Paas.Core.Containers;

public enum LogStream { Stdout, Stderr }
