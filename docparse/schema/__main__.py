from docparse.schema import main

main()
