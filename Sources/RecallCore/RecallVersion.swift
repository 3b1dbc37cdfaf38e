/// The program's version, shown by `recall --version`.
public enum RecallVersion {
    public static let current = "0.1.0"
}
