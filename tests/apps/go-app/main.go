// Sample app of the go buildpack: net/http on $PORT, standard library only.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "5000"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "Hello from the go sample")
	})
	log.Printf("go sample listening on %s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
