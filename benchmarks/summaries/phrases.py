"""Sentences and type words per language for the generated summary documents.

Plain, ordinary prose a report, letter or manual would hold, written for this set. Korean text
needs a CJK font (Droid Sans Fallback from Debian's fonts-droid-fallback, or Noto CJK).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phrases:
    sentences: tuple[str, ...]
    topics: tuple[str, ...]  # title subjects
    salutation: str
    closing: str
    invoice: str  # the word "invoice"
    total: str
    form_fields: tuple[str, ...]
    agreement: str  # "Service Agreement"
    clause: str  # a contract clause sentence
    manual: str  # "User Manual"
    step: str  # an instruction sentence
    report: str  # "Annual Report"
    form: str  # "Application Form"


EN = Phrases(
    sentences=(
        "The committee reviewed the results of the past year and agreed on the priorities for the next one.",
        "Demand grew in most regions, although the second half was slower than the first.",
        "We expect costs to remain stable while the new warehouse is brought into service.",
        "The survey was sent to every member of staff and two thirds of them answered it.",
        "Most of the increase came from customers who had not ordered from us before.",
        "A detailed breakdown by region and product line is given in the tables below.",
        "The board will discuss these findings at its meeting in the spring.",
        "Training for the new system started in March and will be finished by the end of June.",
    ),
    topics=("Regional Sales Review", "Water Quality in the Upper Valley", "Staff Survey Results",
            "Fleet Maintenance Programme", "Energy Use in Public Buildings"),
    salutation="Dear Ms Hartley,", closing="Yours sincerely,", invoice="Invoice", total="Total due",
    form_fields=("Full name", "Date of birth", "Address", "Telephone", "Signature", "Date"),
    agreement="Service Agreement",
    clause="The parties agree that either party may terminate this agreement with thirty days written notice.",
    manual="User Manual", step="Press and hold the power button until the status light turns green.",
    report="Annual Report", form="Application Form",
)

DE = Phrases(
    sentences=(
        "Der Ausschuss hat die Ergebnisse des vergangenen Jahres geprüft und die Ziele für das nächste Jahr festgelegt.",
        "Die Nachfrage ist in den meisten Regionen gestiegen, auch wenn das zweite Halbjahr schwächer war.",
        "Wir erwarten, dass die Kosten stabil bleiben, während das neue Lager in Betrieb genommen wird.",
        "Die Umfrage wurde an alle Mitarbeiter verschickt und von zwei Dritteln beantwortet.",
        "Der größte Teil des Zuwachses kam von Kunden, die vorher noch nicht bei uns bestellt hatten.",
        "Eine genaue Aufstellung nach Region und Produktlinie findet sich in den Tabellen unten.",
        "Der Vorstand wird diese Ergebnisse bei seiner Sitzung im Frühjahr besprechen.",
        "Die Schulung für das neue System hat im März begonnen und wird bis Ende Juni abgeschlossen sein.",
    ),
    topics=("Bericht über den Vertrieb in den Regionen", "Wasserqualität im oberen Tal", "Ergebnisse der Mitarbeiterumfrage",
            "Wartung der Fahrzeugflotte", "Energieverbrauch in öffentlichen Gebäuden"),
    salutation="Sehr geehrte Frau Hartmann,", closing="Mit freundlichen Grüßen", invoice="Rechnung",
    total="Gesamtbetrag", form_fields=("Vollständiger Name", "Geburtsdatum", "Anschrift", "Telefon",
                                       "Unterschrift", "Datum"),
    agreement="Dienstleistungsvertrag",
    clause="Die Parteien vereinbaren, dass jede Partei diesen Vertrag mit einer Frist von dreißig Tagen schriftlich kündigen kann.",
    manual="Bedienungsanleitung", step="Halten Sie die Einschalttaste gedrückt, bis die Statusanzeige grün leuchtet.",
    report="Jahresbericht", form="Antragsformular",
)

FR = Phrases(
    sentences=(
        "Le comité a examiné les résultats de l'année passée et a fixé les priorités pour la suivante.",
        "La demande a augmenté dans la plupart des régions, même si le second semestre a été plus lent.",
        "Nous prévoyons que les coûts resteront stables pendant la mise en service du nouvel entrepôt.",
        "Le questionnaire a été envoyé à tout le personnel et les deux tiers y ont répondu.",
        "La plus grande partie de la hausse vient de clients qui n'avaient jamais commandé chez nous.",
        "Une répartition détaillée par région et par gamme de produits est donnée dans les tableaux ci-dessous.",
        "Le conseil discutera de ces résultats lors de sa réunion du printemps.",
        "La formation au nouveau système a commencé en mars et sera terminée à la fin du mois de juin.",
    ),
    topics=("Bilan des ventes régionales", "Qualité de l'eau dans la haute vallée", "Résultats de l'enquête auprès du personnel",
            "Entretien de la flotte de véhicules", "Consommation d'énergie des bâtiments publics"),
    salutation="Madame,", closing="Veuillez agréer, Madame, l'expression de mes salutations distinguées.",
    invoice="Facture", total="Montant total", form_fields=("Nom et prénom", "Date de naissance", "Adresse",
                                                           "Téléphone", "Signature", "Date"),
    agreement="Contrat de prestation de services",
    clause="Les parties conviennent que chacune d'elles peut résilier le présent contrat par écrit avec un préavis de trente jours.",
    manual="Mode d'emploi", step="Maintenez le bouton de marche enfoncé jusqu'à ce que le voyant devienne vert.",
    report="Rapport annuel", form="Formulaire de demande",
)

ES = Phrases(
    sentences=(
        "El comité revisó los resultados del año pasado y acordó las prioridades para el próximo.",
        "La demanda creció en la mayoría de las regiones, aunque el segundo semestre fue más lento que el primero.",
        "Esperamos que los costes se mantengan estables mientras se pone en marcha el nuevo almacén.",
        "La encuesta se envió a todo el personal y dos tercios de ellos la contestaron.",
        "La mayor parte del aumento vino de clientes que no habían hecho pedidos con nosotros antes.",
        "En las tablas de abajo se da un desglose detallado por región y por línea de producto.",
        "La junta discutirá estos resultados en su reunión de primavera.",
        "La formación para el nuevo sistema empezó en marzo y terminará a finales de junio.",
    ),
    topics=("Revisión de las ventas regionales", "Calidad del agua en el valle alto", "Resultados de la encuesta al personal",
            "Programa de mantenimiento de la flota", "Consumo de energía en edificios públicos"),
    salutation="Estimada señora Herrera:", closing="Atentamente,", invoice="Factura", total="Total a pagar",
    form_fields=("Nombre completo", "Fecha de nacimiento", "Dirección", "Teléfono", "Firma", "Fecha"),
    agreement="Contrato de prestación de servicios",
    clause="Las partes acuerdan que cualquiera de ellas podrá rescindir este contrato con un preaviso por escrito de treinta días.",
    manual="Manual del usuario", step="Mantenga pulsado el botón de encendido hasta que la luz de estado se ponga verde.",
    report="Informe anual", form="Formulario de solicitud",
)

IT = Phrases(
    sentences=(
        "Il comitato ha esaminato i risultati dell'anno passato e ha fissato le priorità per il prossimo.",
        "La domanda è cresciuta nella maggior parte delle regioni, anche se il secondo semestre è stato più lento.",
        "Ci aspettiamo che i costi restino stabili mentre il nuovo magazzino entra in servizio.",
        "Il questionario è stato inviato a tutto il personale e due terzi hanno risposto.",
        "La maggior parte della crescita è venuta da clienti che non avevano mai ordinato da noi.",
        "Una ripartizione dettagliata per regione e per linea di prodotto è riportata nelle tabelle qui sotto.",
        "Il consiglio discuterà questi risultati nella riunione di primavera.",
        "La formazione per il nuovo sistema è iniziata a marzo e sarà conclusa entro la fine di giugno.",
    ),
    topics=("Analisi delle vendite regionali", "Qualità dell'acqua nell'alta valle", "Risultati dell'indagine sul personale",
            "Programma di manutenzione della flotta", "Consumi energetici degli edifici pubblici"),
    salutation="Gentile signora Rossi,", closing="Cordiali saluti,", invoice="Fattura", total="Totale da pagare",
    form_fields=("Nome e cognome", "Data di nascita", "Indirizzo", "Telefono", "Firma", "Data"),
    agreement="Contratto di servizio",
    clause="Le parti convengono che ciascuna di esse può recedere dal presente contratto con un preavviso scritto di trenta giorni.",
    manual="Manuale d'uso", step="Tenere premuto il pulsante di accensione finché la spia di stato diventa verde.",
    report="Relazione annuale", form="Modulo di domanda",
)

NL = Phrases(
    sentences=(
        "De commissie heeft de resultaten van het afgelopen jaar bekeken en de prioriteiten voor het volgende jaar vastgesteld.",
        "De vraag is in de meeste regio's gestegen, al was de tweede helft van het jaar trager dan de eerste.",
        "Wij verwachten dat de kosten stabiel blijven terwijl het nieuwe magazijn in gebruik wordt genomen.",
        "De enquête is naar alle medewerkers gestuurd en twee derde van hen heeft hem ingevuld.",
        "Het grootste deel van de groei kwam van klanten die nog niet eerder bij ons hadden besteld.",
        "Een gedetailleerd overzicht per regio en per productlijn staat in de tabellen hieronder.",
        "Het bestuur zal deze uitkomsten bespreken tijdens de vergadering in het voorjaar.",
        "De opleiding voor het nieuwe systeem is in maart begonnen en wordt eind juni afgerond.",
    ),
    topics=("Overzicht van de regionale verkoop", "Waterkwaliteit in het bovendal", "Uitkomsten van het personeelsonderzoek",
            "Onderhoud van het wagenpark", "Energieverbruik in openbare gebouwen"),
    salutation="Geachte mevrouw De Vries,", closing="Met vriendelijke groet,", invoice="Factuur",
    total="Totaal te betalen", form_fields=("Volledige naam", "Geboortedatum", "Adres", "Telefoon",
                                            "Handtekening", "Datum"),
    agreement="Dienstverleningsovereenkomst",
    clause="De partijen komen overeen dat elk van hen deze overeenkomst schriftelijk kan opzeggen met een termijn van dertig dagen.",
    manual="Gebruikershandleiding", step="Houd de aan-knop ingedrukt tot het statuslampje groen wordt.",
    report="Jaarverslag", form="Aanvraagformulier",
)

PT = Phrases(
    sentences=(
        "O comité analisou os resultados do ano passado e definiu as prioridades para o próximo.",
        "A procura cresceu na maioria das regiões, embora o segundo semestre tenha sido mais lento do que o primeiro.",
        "Esperamos que os custos se mantenham estáveis enquanto o novo armazém entra em funcionamento.",
        "O inquérito foi enviado a todos os funcionários e dois terços responderam.",
        "A maior parte do aumento veio de clientes que nunca tinham feito encomendas connosco.",
        "Uma repartição detalhada por região e por linha de produto é apresentada nas tabelas abaixo.",
        "A direção vai discutir estes resultados na reunião da primavera.",
        "A formação para o novo sistema começou em março e estará concluída no final de junho.",
    ),
    topics=("Análise das vendas regionais", "Qualidade da água no vale superior", "Resultados do inquérito aos funcionários",
            "Programa de manutenção da frota", "Consumo de energia nos edifícios públicos"),
    salutation="Exma. Senhora Dra. Costa,", closing="Com os melhores cumprimentos,", invoice="Fatura",
    total="Total a pagar", form_fields=("Nome completo", "Data de nascimento", "Morada", "Telefone",
                                        "Assinatura", "Data"),
    agreement="Contrato de prestação de serviços",
    clause="As partes acordam que qualquer uma delas pode rescindir este contrato mediante aviso escrito com trinta dias de antecedência.",
    manual="Manual do utilizador", step="Mantenha premido o botão de ligar até a luz de estado ficar verde.",
    report="Relatório anual", form="Formulário de candidatura",
)

KO = Phrases(
    sentences=(
        "위원회는 지난해의 결과를 검토하고 내년의 우선순위에 합의하였다.",
        "대부분의 지역에서 수요가 늘었지만 하반기는 상반기보다 더디었다.",
        "새 창고가 가동되는 동안 비용은 안정적으로 유지될 것으로 예상한다.",
        "설문은 모든 직원에게 발송되었고 그중 삼분의 이가 응답하였다.",
        "증가분의 대부분은 이전에 주문한 적이 없는 고객에게서 나왔다.",
        "지역별, 제품군별 상세 내역은 아래 표에 제시하였다.",
        "이사회는 봄 회의에서 이 결과를 논의할 예정이다.",
        "새 시스템 교육은 3월에 시작되어 6월 말까지 마칠 예정이다.",
    ),
    topics=("지역별 판매 현황 보고서", "상류 지역 수질 조사", "직원 설문 조사 결과", "차량 정비 계획", "공공 건물 에너지 사용 현황"),
    salutation="하틀리 님께,", closing="감사합니다.", invoice="청구서", total="합계",
    form_fields=("성명", "생년월일", "주소", "전화번호", "서명", "날짜"),
    agreement="용역 계약서", clause="양 당사자는 어느 한쪽이 30일 전에 서면으로 통지하여 이 계약을 해지할 수 있음에 동의한다.",
    manual="사용 설명서", step="상태 표시등이 초록색으로 바뀔 때까지 전원 버튼을 누르고 있으십시오.", report="연차 보고서", form="신청서",
)

PHRASES: dict[str, Phrases] = {"en": EN, "de": DE, "fr": FR, "es": ES, "it": IT, "nl": NL, "pt": PT, "ko": KO}
