extension CommandSource {
    /// Splits a command line into a program and its arguments, the way a shell
    /// would quote them but without a shell: no variables, globs or pipes.
    ///
    /// Words are separated by unquoted whitespace. Single quotes keep everything
    /// literally; double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``,
    /// which lose their backslash; outside quotes a backslash makes the next
    /// character literal. Quoted parts join the word around them, and `''` is an
    /// empty argument.
    ///
    /// - Throws: `CommandLineError` for an unbalanced quote or a trailing backslash.
    public static func splitArguments(_ line: String) throws -> [String] {
        enum Quoting { case none, single, double }
        var words: [String] = []
        var word = ""
        var inWord = false
        var quoting = Quoting.none
        var quoteStart = 0
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch quoting {
            case .single:
                if character == "'" { quoting = .none } else { word.append(character) }
            case .double:
                if character == "\"" {
                    quoting = .none
                } else if character == "\\", index + 1 < characters.count,
                    "\"\\$`".contains(characters[index + 1])
                {
                    index += 1
                    word.append(characters[index])
                } else {
                    word.append(character)
                }
            case .none:
                if character == "'" || character == "\"" {
                    quoting = character == "'" ? .single : .double
                    quoteStart = index
                    inWord = true
                } else if character == "\\" {
                    guard index + 1 < characters.count else {
                        throw CommandLineError.trailingBackslash(position: index)
                    }
                    index += 1
                    word.append(characters[index])
                    inWord = true
                } else if character.isWhitespace {
                    if inWord {
                        words.append(word)
                        word = ""
                        inWord = false
                    }
                } else {
                    word.append(character)
                    inWord = true
                }
            }
            index += 1
        }
        if quoting != .none {
            throw CommandLineError.unbalancedQuote(quote: characters[quoteStart], position: quoteStart)
        }
        if inWord { words.append(word) }
        return words
    }
}
